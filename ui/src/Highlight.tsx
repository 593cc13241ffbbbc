/** A highlighted fragment from the search index: only its <em> marks become markup, the rest stays text. */
export function Highlight({ fragment }: { fragment: string }) {
  const parts = fragment.split(/(<em>.*?<\/em>)/g);
  return (
    <>
      {parts.map((part, i) =>
        part.startsWith('<em>') ? <mark key={i}>{unescape(part.slice(4, -5))}</mark> : <span key={i}>{unescape(part)}</span>,
      )}
    </>
  );
}

function unescape(text: string) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
