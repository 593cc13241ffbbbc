import type { ComponentChildren } from 'preact';

/** Client-side navigation: the URL is the state, so links are shareable and the back button works. */
export function navigate(to: string) {
  history.pushState(null, '', to);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** A link to one of the UI's pages, followed without reloading (a real href, so it opens in a new tab too). */
export function Link({ href, class: className, children }: { href: string; class?: string; children: ComponentChildren }) {
  return (
    <a href={href} class={className} onClick={(e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      navigate(href);
    }}>{children}</a>
  );
}

/** Previous / next over a list of {@code total} items shown {@code size} at a time. */
export function Pager({ page, size, total, onPage }: { page: number; size: number; total: number; onPage: (page: number) => void }) {
  if (total <= size) return null;
  return (
    <nav class="pager" aria-label="Pages">
      <button disabled={page === 0} onClick={() => onPage(page - 1)}>Previous</button>
      <span>page {page + 1} of {Math.ceil(total / size)}</span>
      <button disabled={(page + 1) * size >= total} onClick={() => onPage(page + 1)}>Next</button>
    </nav>
  );
}
