//! Fetching the pages the inbox does not hold yet: older conversations as the operator scrolls
//! down the list (or all of them, for a search), older messages as they scroll up a thread. Each
//! page goes to the reducer, which merges it without duplicates.

use protocol::ConversationId;
use ui::api::NextPage;
use yew::prelude::*;

use crate::api::{self, Explain};
use crate::i18n::Lang;
use crate::state::{InboxAction, InboxState};

/// The next page of conversations.
pub async fn more_conversations(
    next: NextPage,
    inbox: UseReducerDispatcher<InboxState>,
    error: UseStateHandle<Option<String>>,
    lang: Lang,
) {
    match api::next_page(&next).await {
        Ok(page) => {
            error.set(None);
            inbox.dispatch(InboxAction::MoreConversationsLoaded(page));
        }
        Err(e) => error.set(Some(e.message(lang))),
    }
}

/// Every conversation, 200 at a time, each page shown as it arrives.
pub async fn all_conversations(
    inbox: UseReducerDispatcher<InboxState>,
    error: UseStateHandle<Option<String>>,
    lang: Lang,
) {
    let mut next = Some(NextPage(api::ALL_CONVERSATIONS.to_owned()));
    while let Some(page) = next.take() {
        match api::next_page(&page).await {
            Ok(page) => {
                next = page.next.clone();
                inbox.dispatch(InboxAction::MoreConversationsLoaded(page));
            }
            Err(e) => {
                error.set(Some(e.message(lang)));
                return;
            }
        }
    }
    error.set(None);
}

/// The latest page of a thread.
pub async fn latest_messages(
    id: ConversationId,
    inbox: UseReducerDispatcher<InboxState>,
    error: UseStateHandle<Option<(ConversationId, String)>>,
    lang: Lang,
) {
    match api::messages(id).await {
        Ok(page) => {
            error.set(None);
            inbox.dispatch(InboxAction::MessagesLoaded {
                conversation_id: id,
                page,
            })
        }
        Err(e) => error.set(Some((id, e.message(lang)))),
    }
}

/// The page of a thread before the oldest message shown.
pub async fn older_messages(
    id: ConversationId,
    older: NextPage,
    inbox: UseReducerDispatcher<InboxState>,
    error: UseStateHandle<Option<(ConversationId, String)>>,
    lang: Lang,
) {
    match api::next_page(&older).await {
        Ok(page) => inbox.dispatch(InboxAction::OlderMessagesLoaded {
            conversation_id: id,
            page,
        }),
        Err(e) => error.set(Some((id, e.message(lang)))),
    }
}
