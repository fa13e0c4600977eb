import { render } from 'preact';

function Library() {
  return <main><h1>Kontekst library</h1></main>;
}

render(<Library />, document.getElementById('app')!);
