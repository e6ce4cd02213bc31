import { fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n/index.ts';
import { NumberSearch } from './NumberSearch.tsx';

function renderSearch(onSearch = vi.fn()) {
  void i18n.changeLanguage('en');
  render(
    <I18nextProvider i18n={i18n}>
      <NumberSearch initial="" onSearch={onSearch} />
    </I18nextProvider>,
  );
  return { input: screen.getByTestId('container-number') as HTMLInputElement, onSearch };
}

describe('NumberSearch', () => {
  it('is labelled and upper-cases what is typed', () => {
    const { input } = renderSearch();
    expect(screen.getByLabelText('Container number')).toBe(input);
    fireEvent.change(input, { target: { value: 'csqu305' } });
    expect(input.value).toBe('CSQU305');
    expect(input.getAttribute('aria-invalid')).toBe('false');
  });

  it('names the expected check digit and refuses to search', () => {
    const { input, onSearch } = renderSearch();
    fireEvent.change(input, { target: { value: 'CSQU3054384' } });
    expect(screen.getByTestId('check-digit-message').textContent).toBe('check digit should be 3');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    fireEvent.submit(input.closest('form') as HTMLFormElement);
    expect(onSearch).not.toHaveBeenCalled();
  });

  it('searches a valid number', () => {
    const { input, onSearch } = renderSearch();
    fireEvent.change(input, { target: { value: 'csqu3054383' } });
    expect(input.getAttribute('aria-invalid')).toBe('false');
    fireEvent.submit(input.closest('form') as HTMLFormElement);
    expect(onSearch).toHaveBeenCalledWith('CSQU3054383');
  });

  it('tells each edit, so the screen puts the last result away', () => {
    const onEdit = vi.fn();
    void i18n.changeLanguage('en');
    render(
      <I18nextProvider i18n={i18n}>
        <NumberSearch initial="CSQU3054383" onSearch={vi.fn()} onEdit={onEdit} />
      </I18nextProvider>,
    );
    fireEvent.change(screen.getByTestId('container-number'), { target: { value: 'msku' } });
    expect(onEdit).toHaveBeenLastCalledWith('MSKU');
  });
});
