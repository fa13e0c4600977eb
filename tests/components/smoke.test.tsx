// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/preact';

function Hello({ name }: { name: string }) {
  return <p>Hello {name}</p>;
}

describe('preact in happy-dom', () => {
  it('renders', () => {
    render(<Hello name="Kontekst" />);
    expect(screen.getByText('Hello Kontekst')).toBeTruthy();
  });
});
