//! The search box's message hits: the server's full-text search over the whole history
//! (`GET /api/search`), asked once the operator stops typing; a hit opens its conversation at
//! that message.

use protocol::search::SearchHit;
use protocol::{ConversationId, MessageId};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::hooks::use_lang;
use crate::api;
use crate::api::Explain;
use crate::clock::utc_offset_minutes;
use crate::format::{clock_time, long_date};
use crate::i18n::Localized;

/// How long the operator must stop typing before the server is asked.
const DEBOUNCE_MS: u32 = 300;

#[derive(Properties, PartialEq)]
pub struct MessageSearchProps {
    pub query: String,
    pub on_open: Callback<(ConversationId, MessageId)>,
}

#[derive(Clone, PartialEq)]
enum Hits {
    Idle,
    Searching,
    Found(Vec<SearchHit>),
    Failed(String),
}

#[function_component]
pub fn MessageSearch(props: &MessageSearchProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let hits = use_state(|| Hits::Idle);
    {
        let hits = hits.clone();
        use_effect_with(props.query.trim().to_owned(), move |query| {
            let query = query.clone();
            let timer = (!query.is_empty()).then(|| {
                hits.set(Hits::Searching);
                gloo_timers::callback::Timeout::new(DEBOUNCE_MS, move || {
                    spawn_local(async move {
                        match api::search(&query).await {
                            Ok(found) => hits.set(Hits::Found(found)),
                            // Only punctuation: nothing to look for.
                            Err(e) if e.code() == Some("validation") => {
                                hits.set(Hits::Found(Vec::new()))
                            }
                            Err(e) => hits.set(Hits::Failed(e.message(lang))),
                        }
                    });
                })
            });
            move || drop(timer)
        });
    }
    if props.query.trim().is_empty() {
        return Html::default();
    }
    let body = match &*hits {
        Hits::Idle => Html::default(),
        Hits::Searching => {
            html! { <p class="muted small" aria-busy="true">{ t.search_searching }</p> }
        }
        Hits::Failed(e) => html! { <p class="notice notice-error" role="alert">{ e }</p> },
        Hits::Found(found) if found.is_empty() => {
            html! { <p class="muted small">{ t.search_messages_none }</p> }
        }
        Hits::Found(found) => html! {
            <ul class="search-hits">
                { for found.iter().map(|hit| {
                    let target = (hit.conversation.id, hit.message.id);
                    let on_open = props.on_open.clone();
                    let name = hit.conversation.contact_name.clone()
                        .filter(|n| !n.trim().is_empty())
                        .unwrap_or_else(|| hit.conversation.phone_number.clone());
                    let at = hit.message.created_at;
                    let offset = utc_offset_minutes(at);
                    html! {
                        <li>
                            <button type="button" class="search-hit" data-message-id={hit.message.id.to_string()}
                                onclick={Callback::from(move |_| on_open.emit(target))}>
                                <span class="search-hit-top">
                                    <span class="conv-name">{ name }</span>
                                    <time datetime={at.to_rfc3339()}>
                                        { format!("{} {}", long_date(at, offset, lang), clock_time(at, offset)) }
                                    </time>
                                </span>
                                <span class="search-hit-body" dir="auto">{ hit.message.body.clone() }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
        },
    };
    html! {
        <section class="message-search" aria-label={t.search_messages}>
            <h2 class="search-heading">{ t.search_messages }</h2>
            { body }
        </section>
    }
}
