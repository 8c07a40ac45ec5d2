//! What AI tokens cost: the estimate behind the analytics screen and the `ai_cost_usd` metric.

/// Claude Haiku list prices in USD per million tokens (input, output); an estimate, not a bill.
const PRICE_INPUT_PER_MTOK: f64 = 1.0;
const PRICE_OUTPUT_PER_MTOK: f64 = 5.0;

/// What tokens cost, in USD, at the list prices above.
pub fn estimated_cost(input_tokens: i64, output_tokens: i64) -> f64 {
    (input_tokens as f64 * PRICE_INPUT_PER_MTOK + output_tokens as f64 * PRICE_OUTPUT_PER_MTOK)
        / 1_000_000.0
}
