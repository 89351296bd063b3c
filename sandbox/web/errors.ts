/** An error's message for a page or a JSON answer; errors may come from another realm (the UI Kit vm). */
export function describeError(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const message: unknown = Reflect.get(err, 'message');
    if (typeof message === 'string') return message;
  }
  return String(err);
}
