//! A conciergerie's team, opened below its row: every member with their role, whether they can
//! log in, when the account was made and when they last signed in. Read-only: the conciergerie's
//! owner manages the team in their own Réglages.

use protocol::auth::Conciergerie;
use protocol::members::Member;
use ui::components::widgets::member_role_label;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::hooks::{focus_id, offset_now, use_lang, use_now};
use super::icons::{icon, Icon};
use crate::api;
use crate::api::Explain;
use crate::format::{ago, avatar_hue, date, date_time, initials};
use crate::i18n::Localized;
use crate::state::team::{headcount, ordered};

#[derive(Properties, PartialEq)]
pub struct TeamPanelProps {
    pub conciergerie: Conciergerie,
    pub on_close: Callback<()>,
}

/// Loads the team when opened (and on "Réessayer"), then shows it.
#[function_component]
pub fn TeamPanel(props: &TeamPanelProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let id = props.conciergerie.id;
    let team = use_state(|| None::<Result<Vec<Member>, String>>);
    let attempt = use_state(|| 0u32);
    {
        let team = team.clone();
        use_effect_with(*attempt, move |_| {
            team.set(None);
            spawn_local(async move {
                team.set(Some(api::members(id).await.map_err(|e| e.message(lang))));
            });
        });
    }
    use_effect_with((), move |_| focus_id(&format!("team-{id}-title")));

    let body = match &*team {
        None => html! { <p class="muted" aria-busy="true">{ t.loading }</p> },
        Some(Err(e)) => html! {
            <p class="notice notice-error" role="alert">
                { icon(Icon::Alert) }<span>{ e.clone() }</span>
                <button type="button" class="btn btn-small btn-outline"
                    onclick={let a = attempt.clone(); Callback::from(move |_| a.set(*a + 1))}>{ t.retry }</button>
            </p>
        },
        Some(Ok(members)) => html! { <TeamTable members={members.clone()} /> },
    };
    let on_close = props.on_close.clone();
    html! {
        <div class="panel panel-team" id={format!("team-{id}")} role="region"
            aria-labelledby={format!("team-{id}-title")}>
            <h3 id={format!("team-{id}-title")} tabindex="-1">
                { icon(Icon::User) }{ lang.team_title(&props.conciergerie.name) }
            </h3>
            { body }
            <div class="form-actions">
                <button type="button" class="btn btn-ghost" onclick={Callback::from(move |_| on_close.emit(()))}>{ t.dismiss }</button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TeamTableProps {
    pub members: Vec<Member>,
}

/// The members as a table (cards on phones, like the conciergeries).
#[function_component]
pub fn TeamTable(props: &TeamTableProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let now = use_now(30_000);
    let offset = offset_now();
    if props.members.is_empty() {
        return html! { <p class="empty-line">{ t.team_empty }</p> };
    }
    let count = headcount(&props.members);
    let row = |m: &Member| {
        let last_login = match m.last_login_at {
            Some(at) => html! {
                <time datetime={at.to_rfc3339()} title={date_time(at, offset, lang)}>{ ago(at, now, offset, lang) }</time>
            },
            None => html! { <span class="muted">{ t.never }</span> },
        };
        html! {
            <tr class={classes!("member-row", (!m.active).then_some("inactive"))} data-member-id={m.id.to_string()}>
                <th scope="row" class="c-name" data-label={t.col_member}>
                    <span class="avatar" style={format!("--hue: {}", avatar_hue(&m.name))} aria-hidden="true">{ initials(&m.name) }</span>
                    <span class="c-ident">
                        <strong>{ m.name.clone() }</strong>
                        <span class="muted small">{ m.email.clone() }</span>
                    </span>
                </th>
                <td data-label={t.col_role}><span class={classes!("role-chip", format!("role-{}", m.role.as_str()))}>{ member_role_label(m.role, lang) }</span></td>
                <td data-label={t.col_status}>
                    if m.active {
                        <span class="status-pill st-active">{ t.member_active }</span>
                    } else {
                        <span class="status-pill st-inactive">{ t.member_inactive }</span>
                    }
                </td>
                <td data-label={t.col_created}><time datetime={m.created_at.to_rfc3339()}>{ date(m.created_at, offset, lang) }</time></td>
                <td data-label={t.col_last_login}>{ last_login }</td>
            </tr>
        }
    };
    html! {
        <>
            <p class="muted small team-headcount">{ lang.team_headcount(count.active, count.inactive) }</p>
            <table class="data-table team-table">
                <caption class="visually-hidden">{ t.team_caption }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ t.col_member }</th>
                        <th scope="col">{ t.col_role }</th>
                        <th scope="col">{ t.col_status }</th>
                        <th scope="col">{ t.col_created }</th>
                        <th scope="col">{ t.col_last_login }</th>
                    </tr>
                </thead>
                <tbody>{ for ordered(&props.members).into_iter().map(row) }</tbody>
            </table>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::fixtures::t;
    use crate::state::team::tests::member;
    use protocol::MemberRole;

    async fn render(members: Vec<Member>) -> String {
        yew::LocalServerRenderer::<TeamTable>::with_props(TeamTableProps { members })
            .hydratable(false)
            .render()
            .await
    }

    #[tokio::test]
    async fn the_team_shows_roles_status_and_sign_ins_never_a_password() {
        let mut camille = member(1, "Camille", MemberRole::Owner, true);
        camille.last_login_at = Some(t(0));
        let html = render(vec![
            member(3, "Léa", MemberRole::Agent, false),
            camille,
            member(2, "Marc", MemberRole::Manager, true),
        ])
        .await;
        assert!(html.contains("2 actifs · 1 désactivé"), "{html}");
        let (camille, marc, lea) = (
            html.find("Camille").unwrap(),
            html.find("Marc").unwrap(),
            html.find("Léa").unwrap(),
        );
        assert!(
            camille < marc && marc < lea,
            "owner, manager, then deactivated: {html}"
        );
        assert!(
            html.contains("Propriétaire") && html.contains("Responsable") && html.contains("Agent")
        );
        assert!(html.contains("Désactivé"), "{html}");
        assert!(html.contains("marc@example.fr"));
        assert!(html.contains("Jamais"), "Marc never signed in: {html}");
        assert!(!html.to_lowercase().contains("password"));
    }

    #[tokio::test]
    async fn an_empty_team_says_so() {
        assert!(render(Vec::new()).await.contains("Aucun membre"));
    }
}
