//! What a Claude call costs, in USD, at Anthropic's list prices for the configured model.
//!
//! Anthropic bills four kinds of tokens at four rates: plain input, cache writes (our system
//! prompt is cached with the default 5-minute lifetime), cache reads ("hits and refreshes",
//! a fraction of the input price) and output. `usage.input_tokens` counts only the uncached
//! input, so the four are added, never counted twice. Prices are from Anthropic's pricing page
//! (checked 2026-11-28); `AI_PRICES_PER_MTOK` overrides them for a model missing here or a
//! negotiated rate. Estimates, not a bill.

use protocol::conversations::TokenUsage;

/// USD per million tokens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prices {
    pub input: f64,
    /// 5-minute cache writes (`cache_creation_input_tokens`).
    pub cache_write: f64,
    /// Cache hits and refreshes (`cache_read_input_tokens`).
    pub cache_read: f64,
    pub output: f64,
}

const fn prices(input: f64, cache_write: f64, cache_read: f64, output: f64) -> Prices {
    Prices {
        input,
        cache_write,
        cache_read,
        output,
    }
}

/// Model id prefixes, most specific first. Haiku 5.5's lower band (prompts up to 100k tokens)
/// applies: our prompts are a few thousand tokens.
const KNOWN: &[(&str, Prices)] = &[
    ("claude-haiku-5-5", prices(0.10, 0.125, 0.01, 0.50)),
    ("claude-haiku-4-5", prices(1.0, 1.25, 0.10, 5.0)),
    ("claude-3-5-haiku", prices(0.80, 1.0, 0.08, 4.0)),
    ("claude-sonnet-5-5", prices(2.0, 2.50, 0.10, 10.0)),
    ("claude-sonnet-5", prices(2.0, 2.50, 0.20, 10.0)),
    ("claude-sonnet-4", prices(3.0, 3.75, 0.30, 15.0)),
    ("claude-opus-5-5", prices(4.0, 5.0, 0.20, 20.0)),
    ("claude-opus-5", prices(5.0, 6.25, 0.50, 25.0)),
    ("claude-opus-4-1", prices(15.0, 18.75, 1.50, 75.0)),
    ("claude-opus-4-0", prices(15.0, 18.75, 1.50, 75.0)),
    ("claude-opus-4-", prices(5.0, 6.25, 0.50, 25.0)),
    ("claude-fable-5-1", prices(10.0, 12.50, 0.25, 50.0)),
    ("claude-fable-5", prices(10.0, 12.50, 1.0, 50.0)),
];

/// An unknown model is priced like the dearest everyday tier rather than as free, so a budget
/// still bites (the operator should set `AI_PRICES_PER_MTOK`).
const UNKNOWN: Prices = prices(5.0, 6.25, 0.50, 25.0);

impl Prices {
    /// The list prices of `model`, if this table knows it.
    pub fn known(model: &str) -> Option<Prices> {
        KNOWN
            .iter()
            .find(|(prefix, _)| model.starts_with(prefix))
            .map(|(_, p)| *p)
    }

    pub fn for_model(model: &str) -> Prices {
        Prices::known(model).unwrap_or(UNKNOWN)
    }

    /// `AI_PRICES_PER_MTOK`: `input,cache_write,cache_read,output` in USD per million tokens.
    pub fn parse(raw: &str) -> Result<Prices, String> {
        let values: Vec<f64> = raw
            .split(',')
            .map(|v| v.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|e| format!("`{raw}`: {e}"))?;
        match values[..] {
            [input, cache_write, cache_read, output]
                if values.iter().all(|v| v.is_finite() && *v >= 0.0) =>
            {
                Ok(prices(input, cache_write, cache_read, output))
            }
            _ => Err(format!(
                "`{raw}` is not four non-negative numbers: input,cache_write,cache_read,output (USD per million tokens)"
            )),
        }
    }

    pub fn cost(&self, usage: &TokenUsage) -> f64 {
        let mtok = |n: i64| n.max(0) as f64 / 1_000_000.0;
        mtok(usage.input_tokens) * self.input
            + mtok(usage.cache_creation_input_tokens) * self.cache_write
            + mtok(usage.cache_read_input_tokens) * self.cache_read
            + mtok(usage.output_tokens) * self.output
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usage(input: i64, write: i64, read: i64, output: i64) -> TokenUsage {
        TokenUsage {
            input_tokens: input,
            output_tokens: output,
            cache_creation_input_tokens: write,
            cache_read_input_tokens: read,
        }
    }

    #[test]
    fn each_kind_of_token_has_its_own_rate() {
        let haiku = Prices::for_model("claude-haiku-5-5");
        let million = 1_000_000;
        assert!((haiku.cost(&usage(million, 0, 0, 0)) - 0.10).abs() < 1e-9);
        assert!((haiku.cost(&usage(0, million, 0, 0)) - 0.125).abs() < 1e-9);
        assert!(
            (haiku.cost(&usage(0, 0, million, 0)) - 0.01).abs() < 1e-9,
            "a cache read costs a tenth of an input token, not a full one"
        );
        assert!((haiku.cost(&usage(0, 0, 0, million)) - 0.50).abs() < 1e-9);
    }

    #[test]
    fn the_configured_model_sets_the_price() {
        let u = usage(1_000_000, 0, 0, 0);
        assert_eq!(Prices::for_model("claude-sonnet-4-6").cost(&u), 3.0);
        assert_eq!(Prices::for_model("claude-sonnet-5-5").cost(&u), 2.0);
        assert_eq!(Prices::for_model("claude-opus-4-1-20250805").cost(&u), 15.0);
        assert_eq!(Prices::for_model("claude-opus-4-6").cost(&u), 5.0);
        assert_eq!(Prices::known("gpt-4"), None);
        assert_eq!(Prices::for_model("gpt-4"), UNKNOWN);
    }

    #[test]
    fn overrides_are_four_prices() {
        assert_eq!(
            Prices::parse("1, 1.25, 0.1, 5").unwrap(),
            prices(1.0, 1.25, 0.1, 5.0)
        );
        assert!(Prices::parse("1,2,3").is_err());
        assert!(Prices::parse("1,2,x,4").is_err());
        assert!(Prices::parse("1,2,-3,4").is_err());
    }
}
