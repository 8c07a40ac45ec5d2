//! One labelled form field: the label, the control (the children), an optional hint, and the
//! server's validation message when it is about this field. Every edit form of both apps lays
//! its fields out this way, so the markup (and the `for`/`id` pairing screen readers rely on)
//! is written once.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FormFieldProps {
    /// The control's `id`: the label points at it.
    pub id: AttrValue,
    pub label: AttrValue,
    /// The input, textarea or select, carrying `id`.
    pub children: Html,
    /// Shown under the control.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// The message of an error about this field, if there is one.
    #[prop_or_default]
    pub error: Option<AttrValue>,
}

#[function_component]
pub fn FormField(props: &FormFieldProps) -> Html {
    html! {
        <div class="field">
            <label class="field-label" for={props.id.clone()}>{ props.label.clone() }</label>
            { props.children.clone() }
            if let Some(hint) = &props.hint {
                <small class="field-hint">{ hint.clone() }</small>
            }
            if let Some(error) = &props.error {
                <p class="field-error" role="alert">{ error.clone() }</p>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn render(hint: Option<&'static str>, error: Option<&'static str>) -> String {
        yew::LocalServerRenderer::<FormField>::with_props(FormFieldProps {
            id: "p-name".into(),
            label: "Nom".into(),
            children: html! { <input id="p-name" type="text" /> },
            hint: hint.map(AttrValue::from),
            error: error.map(AttrValue::from),
        })
        .hydratable(false)
        .render()
        .await
    }

    #[tokio::test]
    async fn the_label_points_at_the_control_and_the_error_is_announced() {
        let html = render(Some("Une ligne par adresse"), Some("Obligatoire")).await;
        assert!(
            html.contains(r#"<label for="p-name" class="field-label">Nom</label>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<input id="p-name" type="text">"#),
            "{html}"
        );
        assert!(html.contains(r#"<small class="field-hint">Une ligne par adresse</small>"#));
        assert!(html.contains(r#"<p role="alert" class="field-error">Obligatoire</p>"#));
        let quiet = render(None, None).await;
        assert!(
            !quiet.contains("field-error") && !quiet.contains("field-hint"),
            "{quiet}"
        );
    }
}
