//! The pieces at the bottom of both apps' navigation rail: the language switch and the account
//! with its logout button; and how a count reads in a badge.

use yew::prelude::*;

use super::hooks::{use_lang, LangCtx};
use super::icons::{icon, Icon};

/// A badge's text: the count, or "99+" when it would not fit.
pub fn badge_text(count: usize) -> String {
    if count > 99 {
        "99+".to_owned()
    } else {
        count.to_string()
    }
}

/// Switches to the other language (nothing without a language provider, as in component tests).
#[function_component]
pub fn NavLang() -> Html {
    let lang = use_lang();
    let t = lang.ui();
    let Some(ctx) = use_context::<LangCtx>() else {
        return Html::default();
    };
    let other = lang.other();
    html! {
        <button type="button" class="nav-item nav-lang" title={t.switch_lang} aria-label={t.switch_lang}
            onclick={Callback::from(move |_| ctx.set.emit(other))}>
            <span class="nav-icon">{ icon(Icon::Globe) }</span>
            <span class="nav-label">{ t.switch_lang_short }</span>
        </button>
    }
}

#[derive(Properties, PartialEq)]
pub struct NavAccountProps {
    /// Who is signed in (the avatar's tooltip).
    pub name: AttrValue,
    pub initials: AttrValue,
    pub logout: Callback<()>,
}

/// The signed-in account's avatar and the logout button.
#[function_component]
pub fn NavAccount(props: &NavAccountProps) -> Html {
    let t = use_lang().ui();
    let logout = props.logout.clone();
    html! {
        <>
            <span class="nav-account" title={props.name.clone()} aria-hidden="true">{ props.initials.clone() }</span>
            <button type="button" class="nav-item nav-logout" title={t.logout} aria-label={t.logout}
                onclick={Callback::from(move |_| logout.emit(()))}>
                <span class="nav-icon">{ icon(Icon::Logout) }</span>
                <span class="nav-label">{ t.logout }</span>
            </button>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badges_stay_short() {
        assert_eq!(badge_text(7), "7");
        assert_eq!(badge_text(100), "99+");
    }
}
