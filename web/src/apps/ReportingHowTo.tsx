/** How an app gets onto these pages: it reports its own version, from the host it runs on. */
export function ReportingHowTo() {
  const example = JSON.stringify({ app: 'Billing API', ver: '2.1.0', host: 'web-1', instance: 0 });
  return (
    <>
      <p>Apps report their own versions. On the host an app runs on (after each deployment, say), run one of:</p>
      <pre>
        <code>
          steward version update APP VERSION --server {window.location.hostname}
          {'\n'}steward version update APP VERSION --http {window.location.origin}
        </code>
      </pre>
      <p>
        The first sends a UDP datagram to port 7777 (the default), the second waits for the server&apos;s answer. Any Partisci
        client works too: it sends a JSON object such as <code>{example}</code> to the same UDP port, or POSTs it to{' '}
        <code>{window.location.origin}/api/v1/update/</code>.
      </p>
    </>
  );
}
