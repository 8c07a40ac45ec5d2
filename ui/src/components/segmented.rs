//! A segmented control: radio buttons underneath, so arrow keys and screen readers just work.

use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct SegOption {
    pub value: &'static str,
    pub label: &'static str,
    /// Tooltip: what choosing it does.
    pub hint: &'static str,
}

#[derive(Properties, PartialEq)]
pub struct SegmentedProps {
    /// Unique per page: the radio group's name.
    pub name: &'static str,
    pub label: &'static str,
    pub options: Vec<SegOption>,
    pub selected: &'static str,
    pub on_change: Callback<&'static str>,
    #[prop_or_default]
    pub disabled: bool,
}

#[function_component]
pub fn Segmented(props: &SegmentedProps) -> Html {
    html! {
        <div class="segmented" role="radiogroup" aria-label={props.label}>
            { for props.options.iter().map(|o| {
                let value = o.value;
                let on_change = props.on_change.clone();
                let checked = props.selected == o.value;
                html! {
                    <label class={classes!("seg", checked.then_some("checked"))} title={o.hint}>
                        <input type="radio" name={props.name} value={o.value} {checked}
                            disabled={props.disabled}
                            onchange={Callback::from(move |_| on_change.emit(value))} />
                        <span>{ o.label }</span>
                    </label>
                }
            }) }
        </div>
    }
}
