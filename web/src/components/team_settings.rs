//! Réglages → Équipe: the conciergerie's members. The owner invites (name, email, role, initial
//! password), changes roles and deactivates; the others see the team. Everyone changes their own
//! password here (their other sessions end).

use protocol::members::{Member, MemberPatch, NewMember, PasswordChange};
use protocol::{MemberId, MemberRole};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::hooks::{use_lang, SessionCtx};
use super::icons::{icon, Icon};
use crate::api;
use crate::api::Explain;
use crate::i18n::Localized;

/// A role's name (the toolkit's, as in the admin app).
pub use ui::components::widgets::member_role_label as role_label;

fn value_of(node: &NodeRef) -> String {
    node.cast::<web_sys::HtmlInputElement>()
        .map(|i| i.value())
        .or_else(|| node.cast::<web_sys::HtmlSelectElement>().map(|s| s.value()))
        .unwrap_or_default()
}

fn clear(nodes: &[&NodeRef]) {
    for node in nodes {
        if let Some(input) = node.cast::<web_sys::HtmlInputElement>() {
            input.set_value("");
        }
    }
}

/// The outcome of the last action, shown above the forms.
#[derive(Debug, Clone, PartialEq)]
enum Notice {
    Done(&'static str),
    Failed(String),
}

fn notice_html(notice: &Option<Notice>) -> Html {
    match notice {
        None => Html::default(),
        Some(Notice::Done(text)) => {
            html! { <p class="notice notice-ok" role="status">{ icon(Icon::Check) }<span>{ *text }</span></p> }
        }
        Some(Notice::Failed(e)) => {
            html! { <p class="notice notice-error" role="alert">{ icon(Icon::Alert) }<span>{ e.clone() }</span></p> }
        }
    }
}

#[function_component]
pub fn TeamSettings() -> Html {
    let lang = use_lang();
    let t = lang.t();
    let me = use_context::<SessionCtx>().map(|s| s.me.member.clone());
    let owner = me.as_ref().is_some_and(|m| m.role.manages_members());
    let members = use_state(Vec::<Member>::new);
    let notice = use_state(|| None::<Notice>);
    let busy = use_state(|| false);

    {
        let (members, notice) = (members.clone(), notice.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                match api::members().await {
                    Ok(list) => members.set(list),
                    Err(e) => notice.set(Some(Notice::Failed(e.message(lang)))),
                }
            });
        });
    }

    // One member changed (role, active): replace it in the list.
    let patch = {
        let (members, notice, busy) = (members.clone(), notice.clone(), busy.clone());
        Callback::from(move |(id, patch): (MemberId, MemberPatch)| {
            let (members, notice, busy) = (members.clone(), notice.clone(), busy.clone());
            busy.set(true);
            spawn_local(async move {
                match api::patch_member(id, &patch).await {
                    Ok(changed) => {
                        let mut list = (*members).clone();
                        if let Some(m) = list.iter_mut().find(|m| m.id == changed.id) {
                            *m = changed;
                        }
                        members.set(list);
                        notice.set(None);
                    }
                    Err(e) => notice.set(Some(Notice::Failed(e.message(lang)))),
                }
                busy.set(false);
            });
        })
    };

    let rows = members.iter().map(|m| {
        let id = m.id;
        let is_me = me.as_ref().is_some_and(|me| me.id == id);
        let role_cell = if owner {
            let patch = patch.clone();
            let onchange = Callback::from(move |e: Event| {
                let value = e
                    .target_dyn_into::<web_sys::HtmlSelectElement>()
                    .map(|s| s.value())
                    .unwrap_or_default();
                if let Ok(role) = value.parse::<MemberRole>() {
                    patch.emit((id, MemberPatch { role: Some(role), ..Default::default() }));
                }
            });
            html! {
                <select aria-label={format!("{} · {}", t.team_role, m.name)} disabled={*busy} {onchange}>
                    { for MemberRole::ALL.iter().map(|r| html! {
                        <option value={r.as_str()} selected={*r == m.role}>{ role_label(*r, lang) }</option>
                    }) }
                </select>
            }
        } else {
            html! { <span>{ role_label(m.role, lang) }</span> }
        };
        let toggle = (owner && !is_me).then(|| {
            let patch = patch.clone();
            let active = m.active;
            html! {
                <button type="button" class={classes!("btn", "btn-small", "btn-ghost", if active { "btn-danger-text" } else { "btn-ok-text" })}
                    disabled={*busy}
                    onclick={Callback::from(move |_| patch.emit((id, MemberPatch { active: Some(!active), ..Default::default() })))}>
                    { if active { t.team_deactivate } else { t.team_reactivate } }
                </button>
            }
        });
        html! {
            <li class={classes!("team-member", (!m.active).then_some("inactive"))} key={id.0} data-testid="team-member">
                <span class="team-ident">
                    <strong>{ m.name.clone() }</strong>
                    if is_me { <span class="muted small">{ format!(" ({})", t.team_you) }</span> }
                    <span class="muted small">{ m.email.clone() }</span>
                </span>
                { role_cell }
                if !m.active { <span class="status-pill st-inactive">{ t.team_inactive }</span> }
                { for toggle }
            </li>
        }
    });

    html! {
        <section class="card settings-card team-settings" aria-labelledby="team-title" id="team">
            <h2 id="team-title">{ icon(Icon::User) }{ t.team_title }</h2>
            <p class="muted small">{ t.team_help }</p>
            { notice_html(&notice) }
            <ul class="team-list">{ for rows }</ul>
            if owner {
                <InviteForm on_invited={
                    let (members, notice) = (members.clone(), notice.clone());
                    Callback::from(move |result: Result<Member, String>| match result {
                        Ok(m) => {
                            let mut list = (*members).clone();
                            list.push(m);
                            members.set(list);
                            notice.set(Some(Notice::Done(lang.t().team_invited)));
                        }
                        Err(e) => notice.set(Some(Notice::Failed(e))),
                    })
                } />
            }
            <PasswordForm />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct InviteFormProps {
    on_invited: Callback<Result<Member, String>>,
}

#[function_component]
fn InviteForm(props: &InviteFormProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let (name, email, role, password) = (
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    );
    let busy = use_state(|| false);
    let onsubmit = {
        let (name, email, role, password) =
            (name.clone(), email.clone(), role.clone(), password.clone());
        let (busy, on_invited) = (busy.clone(), props.on_invited.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let new = NewMember {
                name: value_of(&name),
                email: value_of(&email),
                role: value_of(&role).parse().unwrap_or(MemberRole::Agent),
                password: value_of(&password),
            };
            let (name, email, password) = (name.clone(), email.clone(), password.clone());
            let (busy, on_invited) = (busy.clone(), on_invited.clone());
            busy.set(true);
            spawn_local(async move {
                match api::invite_member(&new).await {
                    Ok(m) => {
                        clear(&[&name, &email, &password]);
                        on_invited.emit(Ok(m));
                    }
                    Err(e) => on_invited.emit(Err(e.message(lang))),
                }
                busy.set(false);
            });
        })
    };
    html! {
        <form class="team-invite" {onsubmit} aria-labelledby="team-invite-title">
            <h3 id="team-invite-title">{ t.team_invite }</h3>
            <label>{ t.team_name }<input ref={name} id="invite-name" type="text" required=true maxlength="80" autocomplete="off" /></label>
            <label>{ t.team_email }<input ref={email} id="invite-email" type="email" required=true autocomplete="off" /></label>
            <label>{ t.team_role }
                <select ref={role} id="invite-role">
                    { for [MemberRole::Agent, MemberRole::Manager, MemberRole::Owner].into_iter().map(|r| html! {
                        <option value={r.as_str()} selected={r == MemberRole::Agent}>{ role_label(r, lang) }</option>
                    }) }
                </select>
            </label>
            <label>{ t.team_initial_password }<input ref={password} id="invite-password" type="text" required=true minlength="8" autocomplete="off" /></label>
            <button type="submit" class="btn btn-primary" disabled={*busy}>{ icon(Icon::Plus) }{ t.team_invite }</button>
        </form>
    }
}

#[function_component]
fn PasswordForm() -> Html {
    let lang = use_lang();
    let t = lang.t();
    let (current, new) = (use_node_ref(), use_node_ref());
    let notice = use_state(|| None::<Notice>);
    let busy = use_state(|| false);
    let onsubmit = {
        let (current, new) = (current.clone(), new.clone());
        let (busy, notice) = (busy.clone(), notice.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let change = PasswordChange {
                current_password: value_of(&current),
                new_password: value_of(&new),
            };
            let (current, new) = (current.clone(), new.clone());
            let (busy, notice) = (busy.clone(), notice.clone());
            busy.set(true);
            spawn_local(async move {
                match api::change_password(&change).await {
                    Ok(()) => {
                        clear(&[&current, &new]);
                        notice.set(Some(Notice::Done(lang.t().password_changed)));
                    }
                    Err(e) => notice.set(Some(Notice::Failed(e.message(lang)))),
                }
                busy.set(false);
            });
        })
    };
    html! {
        <form class="team-password" {onsubmit} aria-labelledby="password-title">
            <h3 id="password-title">{ t.password_title }</h3>
            { notice_html(&notice) }
            <label>{ t.password_current }<input ref={current} id="password-current" type="password" required=true autocomplete="current-password" /></label>
            <label>{ t.password_new }<input ref={new} id="password-new" type="password" required=true minlength="8" autocomplete="new-password" /></label>
            <button type="submit" class="btn btn-outline" disabled={*busy}>{ t.password_change }</button>
        </form>
    }
}
