//! `stable_code_enum!`: closed lists whose members are named by stable lowercase codes.
//!
//! The emotion taxonomy, context tags, the HealthKit vocabularies, the Holmes–Rahe events and the KPI event kinds
//! are all closed lists that travel as text between the server, the browser and the phones. Each needs the same
//! things: a stable code per member, parsing with a typed error, serde as the code, a fixed order with a dense
//! index (reports count into arrays, linear and allocation-free), and often English and French labels. One macro
//! writes them so that every list behaves identically; a list's table is then the single place its codes live.
//!
//! It lives at the crate root because `emotion`, `stress` and `kpi` all use it.

/// Defines a fieldless enum named by stable codes.
///
/// Generated: `ALL` (declaration order), `COUNT`, `index()`, `code()`, `from_code()` returning the given error
/// for unknown text, `FromStr`, `Display` (the code) and serde as the code string. With `labels`, each variant
/// also carries English and French labels (`label_en()`, `label_fr()`).
macro_rules! stable_code_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident, unknown: $err_ty:ty = $error:expr;
        labels {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal, $en:literal, $fr:literal; )+
        }
    ) => {
        $crate::stable_code::stable_code_enum! {
            $(#[$meta])*
            $vis enum $name, unknown: $err_ty = $error;
            codes { $( $(#[$vmeta])* $variant = $code; )+ }
        }

        impl $name {
            /// The English label, for display.
            pub const fn label_en(self) -> &'static str {
                match self { $( $name::$variant => $en, )+ }
            }

            /// The French label, for display.
            pub const fn label_fr(self) -> &'static str {
                match self { $( $name::$variant => $fr, )+ }
            }
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident, unknown: $err_ty:ty = $error:expr;
        codes {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every member, in the documented order.
            pub const ALL: [$name; [$( $name::$variant ),+].len()] = [$( $name::$variant ),+];

            /// How many members the list has.
            pub const COUNT: usize = Self::ALL.len();

            /// The position of this member in [`Self::ALL`], dense from 0.
            pub const fn index(self) -> usize {
                self as usize
            }

            /// The stable lowercase code.
            pub const fn code(self) -> &'static str {
                match self { $( $name::$variant => $code, )+ }
            }

            /// Parses a stable code (exact, lowercase).
            ///
            /// # Errors
            /// The list's `unknown` error when no member has this code.
            pub fn from_code(code: &str) -> Result<Self, $err_ty> {
                match code {
                    $( $code => Ok($name::$variant), )+
                    _ => Err($error),
                }
            }
        }

        // The codes as a TypeScript union (`export type Name = | "a" | "b";`), in the wasm binding's declarations:
        // a field of the list's codes typed `#[tsify(type = "Name")]` then refuses a misspelt code at compile time.
        #[cfg(feature = "wasm")]
        const _: () = {
            #[::wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
            const TYPESCRIPT: &'static str =
                concat!("/** The codes of `", stringify!($name), "`. */\nexport type ", stringify!($name), " =", $(" | \"", $code, "\""),+, ";");
        };

        impl ::core::str::FromStr for $name {
            type Err = $err_ty;

            fn from_str(code: &str) -> Result<Self, Self::Err> {
                Self::from_code(code)
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let code = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)?;
                Self::from_code(&code).map_err(|e| ::serde::de::Error::custom(e.code()))
            }
        }
    };
}
pub(crate) use stable_code_enum;
