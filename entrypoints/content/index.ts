import { defineContentScript } from 'wxt/utils/define-content-script';
import './highlights.css';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main() {
    // wired in the next commit
  },
});
