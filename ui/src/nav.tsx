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
