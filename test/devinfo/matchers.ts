/** jest's asymmetric matchers are typed `any`; these hand them to object literals as `unknown`. */
export const containing = (text: string): unknown => expect.stringContaining(text);
export const arrayContaining = (items: unknown[]): unknown => expect.arrayContaining(items);
export const objectContaining = (shape: object): unknown => expect.objectContaining(shape);
