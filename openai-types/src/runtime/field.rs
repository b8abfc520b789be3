//! Reading a struct's declared fields: the generated `visit_map` keeps one [`Slot`] per field and
//! per constant, so each key's arm is one call and the rules (a repeated key is an error, `null`
//! and missing keys are lenient where the type has an empty value) live here, once.

use serde::de::{self, Deserialize, MapAccess};
use serde_json::Value;

/// A declared field while its object is being read: the value, if its key was there, and whether
/// the key was seen (reading it twice is a `duplicate field` error, as with serde's derives).
pub struct Slot<T> {
    value: Option<T>,
    seen: bool,
}

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Slot { value: None, seen: false }
    }
}

impl<T> Slot<T> {
    /// An empty slot: its key not seen yet.
    pub fn new() -> Self {
        Slot::default()
    }

    fn mark<E: de::Error>(&mut self, key: &'static str) -> Result<(), E> {
        if std::mem::replace(&mut self.seen, true) {
            Err(E::duplicate_field(key))
        } else {
            Ok(())
        }
    }

    /// Reads the key's value; `null` counts as no value (for optional fields, and for required
    /// ones that take their empty value when the API sends `null` where the spec says it cannot).
    pub fn read_or_null<'de, A: MapAccess<'de>>(&mut self, map: &mut A, key: &'static str) -> Result<(), A::Error>
    where
        T: Deserialize<'de>,
    {
        self.mark(key)?;
        self.value = map.next_value::<Option<T>>()?;
        Ok(())
    }

    /// Reads the key's value (`null` is an error unless `T` itself accepts it).
    pub fn read<'de, A: MapAccess<'de>>(&mut self, map: &mut A, key: &'static str) -> Result<(), A::Error>
    where
        T: Deserialize<'de>,
    {
        self.mark(key)?;
        self.value = Some(map.next_value()?);
        Ok(())
    }

    /// The value, or the type's empty value when the key was missing (or `null`).
    pub fn or_default(self) -> T
    where
        T: Default,
    {
        self.value.unwrap_or_default()
    }

    /// The value of a required field; a `missing field` error when the key was not there.
    pub fn required<E: de::Error>(self, key: &'static str) -> Result<T, E> {
        self.value.ok_or_else(|| E::missing_field(key))
    }

    /// The value of an optional field.
    pub fn optional(self) -> Option<T> {
        self.value
    }
}

impl Slot<()> {
    /// Reads a string-constant key (`"object": "conversation"`) and checks its value.
    pub fn expect_str<'de, A: MapAccess<'de>>(
        &mut self,
        map: &mut A,
        key: &'static str,
        expected: &str,
    ) -> Result<(), A::Error> {
        self.mark(key)?;
        let found: super::de::Key<'de> = map.next_value()?;
        if found.as_str() == expected {
            Ok(())
        } else {
            Err(de::Error::custom(format!("expected `{key}` to be \"{expected}\", found \"{}\"", found.as_str())))
        }
    }

    /// Reads a constant-valued key (a number or boolean constant) and checks its value.
    pub fn expect_constant<'de, A: MapAccess<'de>>(
        &mut self,
        map: &mut A,
        key: &'static str,
        expected: &Value,
    ) -> Result<(), A::Error> {
        self.mark(key)?;
        let found: Value = map.next_value()?;
        if found == *expected {
            Ok(())
        } else {
            Err(de::Error::custom(format!("expected `{key}` to be {expected}, found {found}")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Slot;
    use serde::de::value::MapDeserializer;
    use serde_json::{Error, Value};

    type Entries = MapDeserializer<'static, std::vec::IntoIter<(&'static str, Value)>, Error>;

    /// Reads every entry with `read` into the slot (the generated arm for one key).
    fn read_all(
        pairs: Vec<(&'static str, Value)>,
        mut read: impl FnMut(&mut Entries) -> Result<(), Error>,
    ) -> Result<(), Error> {
        use serde::de::MapAccess;
        let mut map: Entries = MapDeserializer::new(pairs.into_iter());
        while map.next_key::<String>()?.is_some() {
            read(&mut map)?;
        }
        Ok(())
    }

    #[test]
    fn a_value_is_kept_and_null_or_missing_reads_as_empty() {
        let mut slot = Slot::<String>::new();
        read_all(vec![("name", Value::from("n"))], |map| slot.read_or_null(map, "name")).unwrap();
        assert_eq!(slot.or_default(), "n");

        let mut slot = Slot::<String>::new();
        read_all(vec![("name", Value::Null)], |map| slot.read_or_null(map, "name")).unwrap();
        assert_eq!(slot.optional(), None);
        assert_eq!(Slot::<Vec<i64>>::new().or_default(), Vec::<i64>::new());
    }

    #[test]
    fn a_repeated_key_is_a_duplicate_field_error() {
        let mut slot = Slot::<String>::new();
        let pairs = vec![("name", Value::from("a")), ("name", Value::from("b"))];
        let error = read_all(pairs, |map| slot.read(map, "name")).unwrap_err();
        assert_eq!(error.to_string(), "duplicate field `name`");

        let mut constant = Slot::<()>::new();
        let pairs = vec![("type", Value::from("t")), ("type", Value::from("t"))];
        let error = read_all(pairs, |map| constant.expect_str(map, "type", "t")).unwrap_err();
        assert_eq!(error.to_string(), "duplicate field `type`");
    }

    #[test]
    fn a_missing_required_field_is_named() {
        let error = Slot::<Value>::new().required::<Error>("schema").unwrap_err();
        assert_eq!(error.to_string(), "missing field `schema`");
        let mut slot = Slot::<Value>::new();
        read_all(vec![("schema", Value::Null)], |map| slot.read(map, "schema")).unwrap();
        assert_eq!(slot.required::<Error>("schema").unwrap(), Value::Null);
    }

    #[test]
    fn constants_are_checked() {
        let mut constant = Slot::<()>::new();
        let error = read_all(vec![("object", Value::from("list"))], |map| constant.expect_str(map, "object", "conversation"))
            .unwrap_err();
        assert_eq!(error.to_string(), "expected `object` to be \"conversation\", found \"list\"");

        let mut constant = Slot::<()>::new();
        read_all(vec![("n", Value::from(2))], |map| constant.expect_constant(map, "n", &Value::from(2))).unwrap();
        let mut constant = Slot::<()>::new();
        let error = read_all(vec![("n", Value::from(3))], |map| constant.expect_constant(map, "n", &Value::from(2))).unwrap_err();
        assert_eq!(error.to_string(), "expected `n` to be 2, found 3");
    }
}
