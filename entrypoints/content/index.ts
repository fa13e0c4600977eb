import '../../lib/zod-setup';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { detectionMatcherData } from '../../data/detection-bundle';
import { startContentApp } from '../../lib/content-app';
import './highlights.css';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  async main(ctx) {
    await startContentApp({ matcherData: detectionMatcherData, onInvalidated: (cb) => ctx.onInvalidated(cb) });
  },
});
