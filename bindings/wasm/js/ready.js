// Whether the WebAssembly module is instantiated, and the guards the generated surface (surface.js) puts around
// every function and class of the glue: called before `init()`, they throw a CesizenError with the code
// `workflow.module.not_initialised` instead of the glue's `TypeError: Cannot read properties of undefined`.
import { CesizenError } from './errors.js';

let loaded = false;

/** Records that the module is instantiated (the entries call it once `init` or `initSync` has succeeded). */
export function markLoaded() {
  loaded = true;
}

function checkLoaded() {
  if (!loaded) {
    throw new CesizenError(
      'workflow.module.not_initialised',
      'the SDK is not loaded yet: await init() once before calling it',
    );
  }
}

/** `fn`, checking first that the module is loaded; same name and arity (`length`). */
export function guard(fn) {
  const guarded = {
    [fn.name](...args) {
      checkLoaded();
      return fn.apply(this, args);
    },
  }[fn.name];
  Object.defineProperty(guarded, 'length', { value: fn.length });
  return guarded;
}

/** `cls`, whose constructor and static methods check first that the module is loaded; `instanceof` and its
 *  prototype are the class's own (instances are made by the class itself). */
export function guardClass(cls) {
  const statics = new Map();
  return new Proxy(cls, {
    construct(target, args, newTarget) {
      checkLoaded();
      return Reflect.construct(target, args, newTarget);
    },
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'constructor') return value;
      if (!statics.has(property)) statics.set(property, guard(value.bind(target)));
      return statics.get(property);
    },
  });
}
