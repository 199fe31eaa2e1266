// The public surface has no `any`: every exported function's parameters and result, every class's
// constructor and methods, every interface's fields, checked at the type level.
import * as sdk from '@cesizen/sdk';
import * as ops from '@cesizen/sdk/ops';

type IsAny<T> = 0 extends 1 & T ? true : false;

/** Built-in types whose own declarations are not ours to check (the DOM's `Date.toJSON(key?: any)`, …). */
type Opaque = Date | Uint8Array | ArrayBuffer | Error;

/** `false` if no `any` appears in `T` (to a few levels deep); `true` or `boolean` if one does. */
type HasAny<T, Depth extends unknown[] = []> =
  IsAny<T> extends true
    ? true
    : Depth['length'] extends 5
      ? false
      : T extends Opaque
        ? false
        : T extends Promise<infer V>
          ? HasAny<V, [...Depth, 0]>
          : T extends abstract new (...args: infer A) => infer R
          ? HasAnyIn<A, Depth> | HasAny<R, [...Depth, 0]>
          : T extends (...args: infer A) => infer R
            ? HasAnyIn<A, Depth> | HasAny<R, [...Depth, 0]>
            : T extends readonly (infer E)[]
              ? HasAny<E, [...Depth, 0]>
              : T extends object
                ? { [K in keyof T]-?: HasAny<T[K], [...Depth, 0]> }[keyof T]
                : false;

type HasAnyIn<A extends unknown[], Depth extends unknown[]> = { [K in keyof A]: HasAny<A[K], [...Depth, 0]> }[number];

/** `init` is left out: its `source` is the DOM's `Response`, whose `json()` returns `Promise<any>`. */
type Surface = Omit<typeof sdk, 'init'>;
type OpsSurface = Omit<typeof ops, 'init'>;

export const surfaceHasNoAny: HasAny<Surface> extends false ? true : never = true;
export const opsSurfaceHasNoAny: HasAny<OpsSurface> extends false ? true : never = true;

// The check itself can fail: it sees `any` in a parameter, a result, a field and a constructor.
export const detectsParameter: true extends HasAny<{ f(x: any): void }> ? true : never = true;
export const detectsResult: true extends HasAny<() => Promise<any>> ? true : never = true;
export const detectsField: true extends HasAny<{ a: { b: any[] } }> ? true : never = true;
export const detectsConstructor: true extends HasAny<new (x: any) => object> ? true : never = true;
export const cleanIsClean: HasAny<{ f(x: string): { y: number[] } }> extends false ? true : never = true;
