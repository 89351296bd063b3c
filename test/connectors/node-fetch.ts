/** Node's fetch as the connectors' FetchLike, for tests against local servers. */
import type { FetchLike } from '../../src/connectors/jira/remote-transport';

export const nodeFetch: FetchLike = (url, init) =>
  fetch(url, {
    method: init.method,
    headers: init.headers,
    // A copy: fetch wants bytes backed by a plain ArrayBuffer.
    ...(init.body === undefined
      ? {}
      : { body: typeof init.body === 'string' ? init.body : init.body.slice() }),
  });
