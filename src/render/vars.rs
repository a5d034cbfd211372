//! The variables of one page, as one flat template value. Every name a template reads (including
//! the names of functions such as `t`, which minijinja looks up in the page's variables before the
//! globals) is resolved against it, so it is a short list compared by string, not a merged map.

use minijinja::value::{Enumerator, Object, Value};
use std::sync::Arc;

#[derive(Debug)]
pub struct Vars(pub Vec<(&'static str, Value)>);

impl Object for Vars {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.get_value_by_str(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        self.0
            .iter()
            .find_map(|(k, v)| (*k == key).then(|| v.clone()))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Values(self.0.iter().map(|(k, _)| Value::from(*k)).collect())
    }
}
