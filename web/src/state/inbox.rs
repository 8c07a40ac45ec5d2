//! The inbox: the conversation list and the threads loaded so far, kept live from WebSocket
//! events, REST reloads and the operator's own optimistic sends.
//!
//! The rules that matter:
//! - the list is ordered by latest activity, newest first, and reorders as messages arrive;
//! - a guest message bumps the unread badge, unless the operator has that conversation open;
//! - a message is shown once, whether it comes from REST, from the WebSocket, or both, in any
//!   order — including the optimistic copy of an operator's own reply;
//! - a delivery status never moves backwards (`read` then a late `sent` stays `read`).

use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::sync::atomic::{AtomicI64, Ordering};

use protocol::conversations::{ConversationSummary, Message};
use protocol::events::ServerEvent;
use protocol::{ConversationId, ConversationStatus, MessageId, MessageStatus, Sender, Timestamp};
use ui::api::{NextPage, Page};
use yew::Reducible;

use crate::format::{fold, preview_of};

/// Identifies an optimistic message until the server confirms it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LocalId(pub i64);

static NEXT_LOCAL: AtomicI64 = AtomicI64::new(1);

impl LocalId {
    pub fn next() -> Self {
        LocalId(NEXT_LOCAL.fetch_add(1, Ordering::Relaxed))
    }

    /// The idempotency key of this send: unique per page load, so a retried POST is not sent twice.
    pub fn client_ref(self) -> String {
        thread_local! {
            static PAGE: u64 = (crate::clock::random() * 1e15) as u64
                ^ crate::clock::now().timestamp_millis() as u64;
        }
        PAGE.with(|page| format!("web-{page:x}-{}", self.0))
    }

    /// The placeholder message id an optimistic message carries (server ids are positive).
    fn message_id(self) -> MessageId {
        MessageId(-self.0)
    }
}

/// A message as shown in a chat: confirmed by the server, or still on its way.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatMessage {
    pub message: Message,
    /// `Some` while the send is in flight.
    pub local: Option<LocalSend>,
}

/// What an optimistic send needs to be rolled back.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalSend {
    pub id: LocalId,
    previous_preview: Option<String>,
    previous_activity: Option<Timestamp>,
}

impl ChatMessage {
    pub fn is_pending(&self) -> bool {
        self.local.is_some()
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Thread {
    /// Confirmed messages, oldest first, then optimistic ones.
    pub messages: Vec<ChatMessage>,
    /// Loaded from REST since the last (re)connection; otherwise shown but refetched on open.
    pub fresh: bool,
    /// Where the older messages are, when the thread does not start with the conversation's
    /// first message yet.
    pub older: Option<NextPage>,
}

impl Thread {
    fn position(&self, id: MessageId) -> Option<usize> {
        self.messages.iter().position(|m| m.message.id == id)
    }

    fn insert_confirmed(&mut self, message: Message) {
        if let Some(i) = self.position(message.id) {
            merge_message(&mut self.messages[i].message, message);
            return;
        }
        // Confirmed messages stay sorted by time (then id); optimistic ones stay last.
        let key = (message.created_at, message.id);
        let at = self
            .messages
            .iter()
            .position(|m| m.is_pending() || (m.message.created_at, m.message.id) > key)
            .unwrap_or(self.messages.len());
        self.messages.insert(
            at,
            ChatMessage {
                message,
                local: None,
            },
        );
    }

    fn apply(&mut self, change: ThreadChange) {
        match change {
            ThreadChange::Created(message) => {
                let message = *message;
                // Our own reply echoed before the POST answered: it replaces its optimistic copy.
                if message.sender == Sender::Concierge && self.position(message.id).is_none() {
                    if let Some(i) = self.messages.iter().position(|m| {
                        m.is_pending() && m.message.body.trim() == message.body.trim()
                    }) {
                        self.messages.remove(i);
                    }
                }
                self.insert_confirmed(message);
            }
            ThreadChange::Status {
                message_id,
                status,
                error_code,
                error_message,
            } => {
                let Some(i) = self.position(message_id) else {
                    return;
                };
                let m = &mut self.messages[i].message;
                if status.rank() > m.status.rank() {
                    m.status = status;
                    if error_code.is_some() || error_message.is_some() {
                        m.error_code = error_code;
                        m.error_message = error_message;
                    }
                }
            }
        }
    }

    fn remove_local(&mut self, id: LocalId) -> Option<ChatMessage> {
        let i = self
            .messages
            .iter()
            .position(|m| m.local.as_ref().is_some_and(|l| l.id == id))?;
        Some(self.messages.remove(i))
    }
}

/// What a live event changes in a thread.
#[derive(Debug, Clone, PartialEq)]
enum ThreadChange {
    Created(Box<Message>),
    Status {
        message_id: MessageId,
        status: MessageStatus,
        error_code: Option<String>,
        error_message: Option<String>,
    },
}

/// Takes the newer copy of a message, but never lets its delivery status move backwards.
fn merge_message(existing: &mut Message, incoming: Message) {
    let keep_status = existing.status.rank() > incoming.status.rank();
    let (status, code, text) = (
        existing.status,
        existing.error_code.take(),
        existing.error_message.take(),
    );
    *existing = incoming;
    if keep_status {
        existing.status = status;
        existing.error_code = code;
        existing.error_message = text;
    }
}

/// Inbox filter tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    All,
    NeedsHuman,
    Unread,
    Urgent,
}

impl Filter {
    pub const ALL: [Filter; 4] = [
        Filter::All,
        Filter::Urgent,
        Filter::NeedsHuman,
        Filter::Unread,
    ];

    pub fn matches(self, c: &ConversationSummary) -> bool {
        match self {
            Filter::All => true,
            Filter::NeedsHuman => c.status == ConversationStatus::NeedsHuman,
            Filter::Unread => c.unread_count > 0,
            Filter::Urgent => c.urgent,
        }
    }
}

/// Does a conversation match the search box? Name, number (spaces ignored) or last message,
/// without regard to case or accents.
pub fn matches_query(c: &ConversationSummary, query: &str) -> bool {
    let q = fold(query.trim());
    if q.is_empty() {
        return true;
    }
    c.contact_name
        .as_deref()
        .is_some_and(|n| fold(n).contains(&q))
        || c.last_message_preview
            .as_deref()
            .is_some_and(|p| fold(p).contains(&q))
        || matches_number(&c.phone_number, &q)
}

/// `06 99`, `+33 699` and `699` all find `+33699887766`.
fn matches_number(phone: &str, query: &str) -> bool {
    if query
        .chars()
        .any(|ch| !(ch.is_ascii_digit() || ch == '+' || ch == ' ' || ch == '.' || ch == '-'))
    {
        return false;
    }
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let (phone, q) = (digits(phone), digits(query));
    if q.len() < 2 {
        return false;
    }
    phone.contains(&q) || (q.starts_with('0') && phone.contains(&q[1..]))
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct InboxState {
    /// Newest activity first.
    pub conversations: Vec<ConversationSummary>,
    /// The list has been loaded at least once.
    pub loaded: bool,
    /// The conversation the operator is reading.
    pub open: Option<ConversationId>,
    pub threads: HashMap<ConversationId, Rc<Thread>>,
    /// What the WebSocket said about the open conversation before its first page arrived: the
    /// server may have read that page before these changes, so they are applied to it when it
    /// comes instead of being lost (until then the window says it is loading).
    arrived_early: HashMap<ConversationId, Vec<ThreadChange>>,
    /// Where the next (older) page of conversations is, while some are not loaded yet.
    pub more: Option<NextPage>,
    /// Bumped whenever the client should reload from REST (a reconnect, an event about a
    /// conversation it does not know); the dashboard reloads when it changes.
    pub resync_seq: u64,
    /// Ids of guest messages already counted as unread, so a duplicate event counts once.
    counted: HashSet<MessageId>,
}

pub enum InboxAction {
    /// The first (most recent) page of `GET /api/conversations`.
    ConversationsLoaded(Page<ConversationSummary>),
    /// A later page, from following the previous page's next link.
    MoreConversationsLoaded(Page<ConversationSummary>),
    /// A page of the inbox narrowed by the server (`?property_id=`, `?phase=`): merged like a
    /// later page, but the unfiltered list's next link stays (the filtered one is the list's).
    FilteredConversationsLoaded(Vec<ConversationSummary>),
    /// The latest page of a thread, from `GET /api/conversations/{id}/messages`.
    MessagesLoaded {
        conversation_id: ConversationId,
        page: Page<Message>,
    },
    /// Older messages of a thread, from following its `older` link.
    OlderMessagesLoaded {
        conversation_id: ConversationId,
        page: Page<Message>,
    },
    Open(Option<ConversationId>),
    Event(ServerEvent),
    /// A conversation as returned by a PATCH.
    Upsert(ConversationSummary),
    /// Ask for a reload from REST (reconnect).
    Resync,
    SendStarted {
        conversation_id: ConversationId,
        local: LocalId,
        body: String,
        at: Timestamp,
    },
    SendSucceeded {
        conversation_id: ConversationId,
        local: LocalId,
        message: Message,
    },
    /// The send failed: the optimistic message disappears (the composer gets its text back).
    SendFailed {
        conversation_id: ConversationId,
        local: LocalId,
    },
    SuggestionCleared(ConversationId),
}

impl Reducible for InboxState {
    type Action = InboxAction;

    fn reduce(self: Rc<Self>, action: InboxAction) -> Rc<Self> {
        let mut s = Rc::unwrap_or_clone(self);
        s.apply(action);
        Rc::new(s)
    }
}

impl InboxState {
    pub fn conversation(&self, id: ConversationId) -> Option<&ConversationSummary> {
        self.conversations.iter().find(|c| c.id == id)
    }

    pub fn open_conversation(&self) -> Option<&ConversationSummary> {
        self.open.and_then(|id| self.conversation(id))
    }

    pub fn thread(&self, id: ConversationId) -> Option<&Thread> {
        self.threads.get(&id).map(Rc::as_ref)
    }

    /// The list as filtered and searched, still newest first.
    pub fn visible(&self, filter: Filter, query: &str) -> Vec<&ConversationSummary> {
        self.conversations
            .iter()
            .filter(|c| filter.matches(c) && matches_query(c, query))
            .collect()
    }

    pub fn count(&self, filter: Filter) -> usize {
        self.conversations
            .iter()
            .filter(|c| filter.matches(c))
            .count()
    }

    pub fn total_unread(&self) -> i64 {
        self.conversations.iter().map(|c| c.unread_count).sum()
    }

    pub fn apply(&mut self, action: InboxAction) {
        match action {
            InboxAction::ConversationsLoaded(page) => self.first_page_loaded(page),
            InboxAction::MoreConversationsLoaded(page) => {
                self.more = page.next;
                for c in page.items {
                    self.merge_summary(c);
                }
                self.zero_open_unread();
                self.sort();
            }
            InboxAction::FilteredConversationsLoaded(items) => {
                for c in items {
                    self.merge_summary(c);
                }
                self.zero_open_unread();
                self.sort();
            }
            InboxAction::MessagesLoaded {
                conversation_id,
                page,
            } => self.messages_loaded(conversation_id, page),
            InboxAction::OlderMessagesLoaded {
                conversation_id,
                page,
            } => {
                self.counted.extend(page.items.iter().map(|m| m.id));
                let thread = self.thread_mut(conversation_id);
                thread.older = page.next;
                for m in page.items {
                    thread.insert_confirmed(m);
                }
            }
            InboxAction::Open(id) => {
                self.open = id;
                self.arrived_early.retain(|k, _| Some(*k) == id);
                self.zero_open_unread();
            }
            InboxAction::Event(event) => self.event(event),
            InboxAction::Upsert(c) => self.upsert(c),
            InboxAction::Resync => {
                for thread in self.threads.values_mut() {
                    Rc::make_mut(thread).fresh = false;
                }
                self.resync_seq += 1;
            }
            InboxAction::SendStarted {
                conversation_id,
                local,
                body,
                at,
            } => self.send_started(conversation_id, local, body, at),
            InboxAction::SendSucceeded {
                conversation_id,
                local,
                message,
            } => {
                let thread = self.thread_mut(conversation_id);
                thread.remove_local(local);
                thread.insert_confirmed(message);
            }
            InboxAction::SendFailed {
                conversation_id,
                local,
            } => {
                let removed = self.thread_mut(conversation_id).remove_local(local);
                if let (Some(removed), Some(c)) = (
                    removed,
                    self.conversations
                        .iter_mut()
                        .find(|c| c.id == conversation_id),
                ) {
                    let l = removed.local.expect("removed a local message");
                    // Roll the preview back only if nothing newer replaced it meanwhile.
                    if c.last_message_at == Some(removed.message.created_at) {
                        c.last_message_preview = l.previous_preview;
                        c.last_message_at = l.previous_activity;
                    }
                    self.sort();
                }
            }
            InboxAction::SuggestionCleared(id) => {
                if let Some(c) = self.conversations.iter_mut().find(|c| c.id == id) {
                    c.ai_suggestion = None;
                }
            }
        }
    }

    fn event(&mut self, event: ServerEvent) {
        match event {
            ServerEvent::MessageCreated { message } => self.message_created(message),
            ServerEvent::MessageStatus {
                conversation_id,
                message_id,
                status,
                error_code,
                error_message,
            } => {
                self.change_thread(
                    conversation_id,
                    ThreadChange::Status {
                        message_id,
                        status,
                        error_code,
                        error_message,
                    },
                );
                if status.is_failure() {
                    if let Some(c) = self.conversation_mut(conversation_id) {
                        c.last_send_failed = true;
                    }
                }
            }
            // The actor's summary carries the linked stay as it is now (`null`: unlinked).
            ServerEvent::ConversationUpdated { conversation } => self.upsert(conversation),
            ServerEvent::AiSuggestion {
                conversation_id,
                body,
            } => match self.conversation_mut(conversation_id) {
                Some(c) => c.ai_suggestion = Some(body),
                None => self.resync_seq += 1,
            },
            ServerEvent::AiHandoff {
                conversation_id,
                reason,
            } => match self.conversation_mut(conversation_id) {
                Some(c) => {
                    c.status = ConversationStatus::NeedsHuman;
                    c.handoff_reason = Some(reason);
                }
                None => self.resync_seq += 1,
            },
            // Not about the inbox.
            ServerEvent::Hello
            | ServerEvent::FeatureRequestUpdated { .. }
            | ServerEvent::FeatureRequestDeleted { .. }
            | ServerEvent::SimulatorReply { .. }
            | ServerEvent::PresenceUpdated { .. } => {}
        }
    }

    fn message_created(&mut self, message: Message) {
        let conversation_id = message.conversation_id;
        let open = self.open == Some(conversation_id);
        let first_time = !self.counted.contains(&message.id);
        self.change_thread(
            conversation_id,
            ThreadChange::Created(Box::new(message.clone())),
        );
        self.counted.insert(message.id);
        let Some(c) = self.conversation_mut(conversation_id) else {
            // A new guest: the list needs the full summary.
            self.resync_seq += 1;
            return;
        };
        // A note is internal: the list's last message stays what the guest and team exchanged
        // (the server's row does not change either).
        if message.sender != Sender::Note
            && c.last_message_at.is_none_or(|t| message.created_at >= t)
        {
            c.last_message_at = Some(message.created_at);
            c.last_message_preview = Some(preview_of(&message));
        }
        if message.sender == Sender::Client {
            if c.last_client_message_at
                .is_none_or(|t| message.created_at > t)
            {
                c.last_client_message_at = Some(message.created_at);
            }
            if !open && first_time {
                c.unread_count += 1;
            }
        }
        if message.sender.is_outbound() && message.status.is_failure() {
            c.last_send_failed = true;
        }
        self.sort();
    }

    /// The first page replaces what it covers; conversations loaded from later pages stay (they
    /// are older than this page, or moved into it and are deduped), and so does the way to the
    /// pages after them, so a reconnect does not throw away what the operator scrolled to.
    fn first_page_loaded(&mut self, page: Page<ConversationSummary>) {
        let page_ids: HashSet<ConversationId> = page.items.iter().map(|c| c.id).collect();
        let loaded_beyond = self.loaded && self.conversations.len() > page_ids.len();
        let previous = std::mem::take(&mut self.conversations);
        self.conversations = page.items;
        // A local optimistic preview is newer than a list fetched before it.
        for c in &mut self.conversations {
            if let Some(old) = previous.iter().find(|o| o.id == c.id) {
                keep_newer_activity(c, old);
            }
        }
        match page.next {
            // Everything fits in one page: the page is the whole truth.
            None => self.more = None,
            Some(next) => {
                let oldest_in_page = self.conversations.iter().map(activity_key).min();
                // Older than the page: loaded by scrolling earlier, still valid.
                for old in previous {
                    if !page_ids.contains(&old.id)
                        && oldest_in_page.is_some_and(|k| activity_key(&old) < k)
                    {
                        self.conversations.push(old);
                    }
                }
                // Scrolled further before: the way on from there still holds.
                if !loaded_beyond {
                    self.more = Some(next);
                }
            }
        }
        self.loaded = true;
        self.zero_open_unread();
        self.sort();
    }

    /// A summary (from a later page, a PATCH or an event): added, or merged into the copy already
    /// known, whose newer activity wins (a live event may be ahead of a page fetched before it).
    fn merge_summary(&mut self, mut incoming: ConversationSummary) {
        match self.conversations.iter_mut().find(|c| c.id == incoming.id) {
            Some(existing) => {
                keep_newer_activity(&mut incoming, existing);
                *existing = incoming;
            }
            None => self.conversations.push(incoming),
        }
    }

    fn messages_loaded(&mut self, conversation_id: ConversationId, page: Page<Message>) {
        let messages = page.items;
        let newest_loaded = messages.iter().map(|m| m.id).max();
        let oldest_loaded = messages.iter().map(|m| m.id).min();
        let old = self.threads.remove(&conversation_id);
        // Older pages were loaded before (and this page does not reach back to the start): keep
        // them and the way further back.
        let keep_older = page.next.is_some()
            && old.as_ref().is_some_and(|old| {
                old.messages
                    .iter()
                    .any(|m| m.local.is_none() && Some(m.message.id) < oldest_loaded)
            });
        let older = match &old {
            Some(old) if keep_older => old.older.clone(),
            _ => page.next,
        };
        let mut thread = Thread {
            messages: Vec::with_capacity(messages.len()),
            fresh: true,
            older,
        };
        for m in messages {
            self.counted.insert(m.id);
            thread.insert_confirmed(m);
        }
        if let Some(old) = old {
            for m in Rc::unwrap_or_clone(old).messages {
                match &m.local {
                    // Still in flight: keep it at the end.
                    Some(_) => thread.messages.push(m),
                    // Known here too: keep whichever status is further along.
                    None if thread.position(m.message.id).is_some() => {
                        let i = thread.position(m.message.id).expect("just found");
                        let fetched = thread.messages[i].message.clone();
                        let mut kept = m.message;
                        merge_message(&mut kept, fetched.clone());
                        if kept.status.rank() > fetched.status.rank() {
                            thread.messages[i].message = kept;
                        }
                    }
                    // Arrived over the WebSocket after the server answered this request.
                    None if Some(m.message.id) > newest_loaded => {
                        thread.insert_confirmed(m.message)
                    }
                    // From an older page loaded by scrolling up: this page does not cover it.
                    None if keep_older && Some(m.message.id) < oldest_loaded => {
                        thread.insert_confirmed(m.message)
                    }
                    None => {}
                }
            }
        }
        for change in self
            .arrived_early
            .remove(&conversation_id)
            .unwrap_or_default()
        {
            match change {
                // The page's copy is at least as recent as the event's.
                ThreadChange::Created(m) if thread.position(m.id).is_some() => {}
                change => thread.apply(change),
            }
        }
        self.threads.insert(conversation_id, Rc::new(thread));
    }

    fn send_started(&mut self, id: ConversationId, local: LocalId, body: String, at: Timestamp) {
        let (previous_preview, previous_activity) = self
            .conversation(id)
            .map(|c| (c.last_message_preview.clone(), c.last_message_at))
            .unwrap_or_default();
        let message = new_message(
            local.message_id(),
            id,
            Sender::Concierge,
            &body,
            MessageStatus::Pending,
            at,
        );
        self.thread_mut(id).messages.push(ChatMessage {
            message,
            local: Some(LocalSend {
                id: local,
                previous_preview,
                previous_activity,
            }),
        });
        if let Some(c) = self.conversation_mut(id) {
            c.last_message_at = Some(at);
            c.last_message_preview = Some(body);
        }
        self.sort();
    }

    fn upsert(&mut self, incoming: ConversationSummary) {
        self.merge_summary(incoming);
        self.zero_open_unread();
        self.sort();
    }

    /// A live change goes into the thread shown, or waits for the open conversation's first
    /// page. A conversation nobody reads keeps no thread: its page is fetched when it is opened.
    fn change_thread(&mut self, id: ConversationId, change: ThreadChange) {
        if let Some(thread) = self.threads.get_mut(&id) {
            Rc::make_mut(thread).apply(change);
        } else if self.open == Some(id) {
            self.arrived_early.entry(id).or_default().push(change);
        }
    }

    fn thread_mut(&mut self, id: ConversationId) -> &mut Thread {
        Rc::make_mut(self.threads.entry(id).or_default())
    }

    fn conversation_mut(&mut self, id: ConversationId) -> Option<&mut ConversationSummary> {
        self.conversations.iter_mut().find(|c| c.id == id)
    }

    fn zero_open_unread(&mut self) {
        if let Some(id) = self.open {
            if let Some(c) = self.conversation_mut(id) {
                c.unread_count = 0;
            }
        }
    }

    /// Urgent first, then the newest activity: the order `GET /api/conversations` answers in.
    fn sort(&mut self) {
        self.conversations.sort_by(|a, b| {
            b.urgent
                .cmp(&a.urgent)
                .then_with(|| activity(b).cmp(&activity(a)))
                .then_with(|| b.id.cmp(&a.id))
        });
    }
}

/// A message with only the required fields set. Built through serde, so the optional fields the
/// protocol gains over time need no change here.
pub fn new_message(
    id: MessageId,
    conversation_id: ConversationId,
    sender: Sender,
    body: &str,
    status: MessageStatus,
    created_at: Timestamp,
) -> Message {
    serde_json::from_value(serde_json::json!({
        "id": id,
        "conversation_id": conversation_id,
        "sender": sender,
        "body": body,
        "status": status,
        "created_at": created_at,
    }))
    .expect("a message with its required fields deserializes")
}

/// Where a conversation sits in the server's order (activity, then id).
fn activity_key(c: &ConversationSummary) -> (Timestamp, ConversationId) {
    (activity(c), c.id)
}

fn activity(c: &ConversationSummary) -> Timestamp {
    c.last_message_at.unwrap_or(c.created_at)
}

/// A summary fetched or pushed a moment ago may predate a message we already applied.
fn keep_newer_activity(incoming: &mut ConversationSummary, known: &ConversationSummary) {
    if known.last_message_at > incoming.last_message_at {
        incoming.last_message_at = known.last_message_at;
        incoming.last_message_preview = known.last_message_preview.clone();
    }
    if known.last_client_message_at > incoming.last_client_message_at {
        incoming.last_client_message_at = known.last_client_message_at;
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::TimeZone;
    use protocol::reasons::HandoffReason;
    use protocol::AiMode;

    pub fn t(minute: u32) -> Timestamp {
        chrono::Utc
            .with_ymd_and_hms(2025, 3, 12, 10, minute, 0)
            .unwrap()
    }

    pub fn conv(id: i64, minute: u32) -> ConversationSummary {
        // Through serde, like `new_message`, so new optional protocol fields need no change.
        serde_json::from_value(serde_json::json!({
            "id": id,
            "phone_number": format!("+3361234567{id}"),
            "contact_name": format!("Guest {id}"),
            "last_message_at": t(minute),
            "last_message_preview": "hello",
            "unread_count": 0,
            "ai_mode": AiMode::Auto,
            "ai_mode_override": null,
            "status": ConversationStatus::Open,
            "ai_paused": false,
            "last_client_message_at": t(minute),
            "last_send_failed": false,
            "created_at": t(0),
        }))
        .unwrap()
    }

    pub fn msg(id: i64, conv: i64, sender: Sender, minute: u32, body: &str) -> Message {
        let status = if sender == Sender::Client {
            MessageStatus::Received
        } else {
            MessageStatus::Queued
        };
        new_message(
            MessageId(id),
            ConversationId(conv),
            sender,
            body,
            status,
            t(minute),
        )
    }

    /// A page that is the whole list (no next link).
    pub fn whole<T>(items: Vec<T>) -> Page<T> {
        Page { items, next: None }
    }

    fn partial<T>(items: Vec<T>, next: &str) -> Page<T> {
        Page {
            items,
            next: Some(NextPage(next.into())),
        }
    }

    fn loaded(convs: Vec<ConversationSummary>) -> InboxState {
        let mut s = InboxState::default();
        s.apply(InboxAction::ConversationsLoaded(whole(convs)));
        s
    }

    fn ids(s: &InboxState) -> Vec<i64> {
        s.conversations.iter().map(|c| c.id.0).collect()
    }

    fn created(m: Message) -> InboxAction {
        InboxAction::Event(ServerEvent::MessageCreated { message: m })
    }

    fn bodies(s: &InboxState, conv: i64) -> Vec<String> {
        s.thread(ConversationId(conv))
            .unwrap()
            .messages
            .iter()
            .map(|m| m.message.body.clone())
            .collect()
    }

    #[test]
    fn list_is_sorted_newest_first_on_load() {
        let s = loaded(vec![conv(1, 1), conv(2, 5), conv(3, 3)]);
        assert_eq!(ids(&s), vec![2, 3, 1]);
        assert!(s.loaded);
    }

    #[test]
    fn urgent_conversations_come_first_until_treated() {
        let mut urgent = conv(1, 1);
        urgent.urgent = true;
        let mut s = loaded(vec![urgent.clone(), conv(2, 5), conv(3, 3)]);
        assert_eq!(ids(&s), vec![1, 2, 3]);
        assert_eq!(s.count(Filter::Urgent), 1);
        // A newer guest message elsewhere does not push the urgent conversation down.
        s.apply(created(msg(10, 2, Sender::Client, 9, "merci")));
        assert_eq!(ids(&s), vec![1, 2, 3]);
        // Treated: back in activity order.
        urgent.urgent = false;
        s.apply(InboxAction::Event(ServerEvent::ConversationUpdated {
            conversation: urgent,
        }));
        assert_eq!(ids(&s), vec![2, 3, 1]);
        assert_eq!(s.count(Filter::Urgent), 0);
    }

    #[test]
    fn a_note_neither_reorders_the_list_nor_becomes_its_preview() {
        let mut s = loaded(vec![conv(1, 1), conv(2, 5)]);
        let before = s.conversation(ConversationId(1)).unwrap().clone();
        s.apply(created(msg(10, 1, Sender::Note, 9, "plombier prévenu")));
        assert_eq!(ids(&s), vec![2, 1]);
        let after = s.conversation(ConversationId(1)).unwrap();
        assert_eq!(after.last_message_preview, before.last_message_preview);
        assert_eq!(after.unread_count, before.unread_count);
    }

    #[test]
    fn guest_message_moves_conversation_to_top_and_counts_unread() {
        let mut s = loaded(vec![conv(1, 1), conv(2, 5)]);
        s.apply(created(msg(
            10,
            1,
            Sender::Client,
            9,
            "Le code du portail ?",
        )));
        assert_eq!(ids(&s), vec![1, 2]);
        let c = s.conversation(ConversationId(1)).unwrap();
        assert_eq!(c.unread_count, 1);
        assert_eq!(
            c.last_message_preview.as_deref(),
            Some("Le code du portail ?")
        );
        assert_eq!(c.last_client_message_at, Some(t(9)));
        assert_eq!(s.total_unread(), 1);
    }

    #[test]
    fn duplicate_event_counts_once() {
        let mut s = loaded(vec![conv(1, 1)]);
        s.apply(created(msg(10, 1, Sender::Client, 9, "hi")));
        s.apply(created(msg(10, 1, Sender::Client, 9, "hi")));
        assert_eq!(s.conversation(ConversationId(1)).unwrap().unread_count, 1);
    }

    #[test]
    fn open_conversation_does_not_count_unread() {
        let mut s = loaded(vec![conv(1, 1), conv(2, 2)]);
        s.apply(created(msg(10, 1, Sender::Client, 3, "a")));
        s.apply(InboxAction::Open(Some(ConversationId(1))));
        assert_eq!(s.conversation(ConversationId(1)).unwrap().unread_count, 0);
        s.apply(created(msg(11, 1, Sender::Client, 4, "b")));
        assert_eq!(s.conversation(ConversationId(1)).unwrap().unread_count, 0);
        // A server summary still counting it does not bring the badge back while open.
        let mut stale = conv(1, 4);
        stale.unread_count = 2;
        s.apply(InboxAction::Event(ServerEvent::ConversationUpdated {
            conversation: stale,
        }));
        assert_eq!(s.conversation(ConversationId(1)).unwrap().unread_count, 0);
    }

    #[test]
    fn outbound_message_does_not_count_unread() {
        let mut s = loaded(vec![conv(1, 1)]);
        s.apply(created(msg(10, 1, Sender::Ai, 3, "Bonjour !")));
        assert_eq!(s.conversation(ConversationId(1)).unwrap().unread_count, 0);
        assert_eq!(
            s.conversation(ConversationId(1))
                .unwrap()
                .last_client_message_at,
            Some(t(1))
        );
    }

    #[test]
    fn unknown_conversation_asks_for_resync() {
        let mut s = loaded(vec![conv(1, 1)]);
        let before = s.resync_seq;
        s.apply(created(msg(10, 42, Sender::Client, 3, "new guest")));
        assert_eq!(s.resync_seq, before + 1);
    }

    #[test]
    fn thread_dedupes_rest_and_ws_copies_in_either_order() {
        // WS first, then REST.
        let mut s = loaded(vec![conv(1, 1)]);
        s.apply(InboxAction::MessagesLoaded {
            conversation_id: ConversationId(1),
            page: whole(vec![msg(1, 1, Sender::Client, 1, "a")]),
        });
        s.apply(created(msg(2, 1, Sender::Ai, 2, "b")));
        s.apply(InboxAction::MessagesLoaded {
            conversation_id: ConversationId(1),
            page: whole(vec![
                msg(1, 1, Sender::Client, 1, "a"),
                msg(2, 1, Sender::Ai, 2, "b"),
            ]),
        });
        assert_eq!(bodies(&s, 1), vec!["a", "b"]);
        // A message that arrived after the REST snapshot survives the reload.
        s.apply(created(msg(3, 1, Sender::Client, 3, "c")));
        s.apply(InboxAction::MessagesLoaded {
            conversation_id: ConversationId(1),
            page: whole(vec![
                msg(1, 1, Sender::Client, 1, "a"),
                msg(2, 1, Sender::Ai, 2, "b"),
            ]),
        });
        assert_eq!(bodies(&s, 1), vec!["a", "b", "c"]);
    }

    #[test]
    fn messages_are_ordered_by_time_even_when_events_arrive_out_of_order() {
        let mut s = loaded(vec![conv(1, 1)]);
        s.apply(InboxAction::MessagesLoaded {
            conversation_id: ConversationId(1),
            page: whole(vec![]),
        });
        s.apply(created(msg(3, 1, Sender::Ai, 5, "third")));
        s.apply(created(msg(1, 1, Sender::Client, 2, "first")));
        s.apply(created(msg(2, 1, Sender::Client, 3, "second")));
        assert_eq!(bodies(&s, 1), vec!["first", "second", "third"]);
        // The preview shows the newest, not the last to arrive.
        assert_eq!(
            s.conversation(ConversationId(1))
                .unwrap()
                .last_message_preview
                .as_deref(),
            Some("third")
        );
    }

    #[test]
    fn status_never_goes_backwards() {
        let mut s = loaded(vec![conv(1, 1)]);
        s.apply(InboxAction::MessagesLoaded {
            conversation_id: ConversationId(1),
            page: whole(vec![msg(5, 1, Sender::Concierge, 2, "ok")]),
        });
        let status = |st: MessageStatus| {
            InboxAction::Event(ServerEvent::MessageStatus {
                conversation_id: ConversationId(1),
                message_id: MessageId(5),
                status: st,
                error_code: None,
                error_message: None,
            })
        };
        s.apply(status(MessageStatus::Read));
        s.apply(status(MessageStatus::Delivered));
        s.apply(status(MessageStatus::Sent));
        let m = &s.thread(ConversationId(1)).unwrap().messages[0].message;
        assert_eq!(m.status, MessageStatus::Read);
        // A REST copy fetched before the callbacks does not undo them either.
        s.apply(InboxAction::MessagesLoaded {
            conversation_id: ConversationId(1),
            page: whole(vec![msg(5, 1, Sender::Concierge, 2, "ok")]),
        });
        let m = &s.thread(ConversationId(1)).unwrap().messages[0].message;
        assert_eq!(m.status, MessageStatus::Read);
    }

    #[test]
    fn failure_carries_its_reason_and_flags_the_conversation() {
        let mut s = loaded(vec![conv(1, 1)]);
        s.apply(InboxAction::MessagesLoaded {
            conversation_id: ConversationId(1),
            page: whole(vec![msg(5, 1, Sender::Concierge, 2, "ok")]),
        });
        s.apply(InboxAction::Event(ServerEvent::MessageStatus {
            conversation_id: ConversationId(1),
            message_id: MessageId(5),
            status: MessageStatus::Failed,
            error_code: Some("63016".into()),
            error_message: Some("outside window".into()),
        }));
        let m = &s.thread(ConversationId(1)).unwrap().messages[0].message;
        assert_eq!(m.status, MessageStatus::Failed);
        assert_eq!(m.error_code.as_deref(), Some("63016"));
        assert!(s.conversation(ConversationId(1)).unwrap().last_send_failed);
    }

    #[test]
    fn optimistic_send_confirmed_by_rest_then_ws() {
        let mut s = loaded(vec![conv(1, 1), conv(2, 5)]);
        s.apply(InboxAction::MessagesLoaded {
            conversation_id: ConversationId(1),
            page: whole(vec![msg(1, 1, Sender::Client, 1, "a")]),
        });
        let local = LocalId::next();
        s.apply(InboxAction::SendStarted {
            conversation_id: ConversationId(1),
            local,
            body: "Voici le code : 1234".into(),
            at: t(9),
        });
        assert_eq!(ids(&s), vec![1, 2], "sending bumps the conversation");
        assert!(s.thread(ConversationId(1)).unwrap().messages[1].is_pending());
        s.apply(InboxAction::SendSucceeded {
            conversation_id: ConversationId(1),
            local,
            message: msg(7, 1, Sender::Concierge, 9, "Voici le code : 1234"),
        });
        s.apply(created(msg(
            7,
            1,
            Sender::Concierge,
            9,
            "Voici le code : 1234",
        )));
        let thread = s.thread(ConversationId(1)).unwrap();
        assert_eq!(thread.messages.len(), 2);
        assert!(!thread.messages[1].is_pending());
        assert_eq!(thread.messages[1].message.id, MessageId(7));
    }

    #[test]
    fn optimistic_send_confirmed_by_ws_then_rest() {
        let mut s = loaded(vec![conv(1, 1)]);
        s.apply(InboxAction::MessagesLoaded {
            conversation_id: ConversationId(1),
            page: whole(vec![]),
        });
        let local = LocalId::next();
        s.apply(InboxAction::SendStarted {
            conversation_id: ConversationId(1),
            local,
            body: "Merci !".into(),
            at: t(9),
        });
        let mut echoed = msg(7, 1, Sender::Concierge, 9, "Merci !");
        echoed.status = MessageStatus::Sent;
        s.apply(created(echoed));
        assert_eq!(bodies(&s, 1), vec!["Merci !"]);
        // The POST answer comes last, with an older status: no duplicate, no regression.
        s.apply(InboxAction::SendSucceeded {
            conversation_id: ConversationId(1),
            local,
            message: msg(7, 1, Sender::Concierge, 9, "Merci !"),
        });
        let thread = s.thread(ConversationId(1)).unwrap();
        assert_eq!(thread.messages.len(), 1);
        assert_eq!(thread.messages[0].message.status, MessageStatus::Sent);
    }

    #[test]
    fn failed_send_rolls_back() {
        let mut s = loaded(vec![conv(1, 1), conv(2, 5)]);
        let local = LocalId::next();
        s.apply(InboxAction::SendStarted {
            conversation_id: ConversationId(1),
            local,
            body: "oops".into(),
            at: t(9),
        });
        s.apply(InboxAction::SendFailed {
            conversation_id: ConversationId(1),
            local,
        });
        assert!(s.thread(ConversationId(1)).unwrap().messages.is_empty());
        let c = s.conversation(ConversationId(1)).unwrap();
        assert_eq!(c.last_message_preview.as_deref(), Some("hello"));
        assert_eq!(c.last_message_at, Some(t(1)));
        assert_eq!(ids(&s), vec![2, 1]);
    }

    #[test]
    fn optimistic_message_survives_a_reload() {
        let mut s = loaded(vec![conv(1, 1)]);
        let local = LocalId::next();
        s.apply(InboxAction::SendStarted {
            conversation_id: ConversationId(1),
            local,
            body: "in flight".into(),
            at: t(9),
        });
        s.apply(InboxAction::MessagesLoaded {
            conversation_id: ConversationId(1),
            page: whole(vec![msg(1, 1, Sender::Client, 1, "a")]),
        });
        assert_eq!(bodies(&s, 1), vec!["a", "in flight"]);
        // And a list reload does not hide its preview.
        s.apply(InboxAction::ConversationsLoaded(whole(vec![conv(1, 1)])));
        assert_eq!(
            s.conversation(ConversationId(1))
                .unwrap()
                .last_message_preview
                .as_deref(),
            Some("in flight")
        );
    }

    #[test]
    fn suggestion_and_handoff_events() {
        let mut s = loaded(vec![conv(1, 1)]);
        s.apply(InboxAction::Event(ServerEvent::AiSuggestion {
            conversation_id: ConversationId(1),
            body: "Le check-in est à 16 h.".into(),
        }));
        assert_eq!(
            s.conversation(ConversationId(1))
                .unwrap()
                .ai_suggestion
                .as_deref(),
            Some("Le check-in est à 16 h.")
        );
        s.apply(InboxAction::SuggestionCleared(ConversationId(1)));
        assert!(s
            .conversation(ConversationId(1))
            .unwrap()
            .ai_suggestion
            .is_none());
        s.apply(InboxAction::Event(ServerEvent::AiHandoff {
            conversation_id: ConversationId(1),
            reason: HandoffReason::AiTruncated,
        }));
        let c = s.conversation(ConversationId(1)).unwrap();
        assert_eq!(c.status, ConversationStatus::NeedsHuman);
        assert_eq!(c.handoff_reason, Some(HandoffReason::AiTruncated));
        assert_eq!(s.count(Filter::NeedsHuman), 1);
    }

    #[test]
    fn what_arrives_while_the_open_thread_loads_is_kept() {
        let mut s = loaded(vec![conv(1, 1), conv(2, 2)]);
        s.apply(InboxAction::Open(Some(ConversationId(1))));
        // The AI's reply and a tick for the guest's earlier reply come over the WebSocket
        // before the page, which the server read before the reply was stored.
        s.apply(created(msg(3, 1, Sender::Ai, 3, "Le check-in est à 16h.")));
        s.apply(InboxAction::Event(ServerEvent::MessageStatus {
            conversation_id: ConversationId(1),
            message_id: MessageId(2),
            status: MessageStatus::Delivered,
            error_code: None,
            error_message: None,
        }));
        // Nothing is shown before the page: the window still says it is loading.
        assert!(s.thread(ConversationId(1)).is_none());
        // A conversation nobody reads keeps no thread.
        s.apply(created(msg(4, 2, Sender::Client, 4, "bonsoir")));
        assert!(s.thread(ConversationId(2)).is_none());
        s.apply(InboxAction::MessagesLoaded {
            conversation_id: ConversationId(1),
            page: whole(vec![
                msg(1, 1, Sender::Client, 1, "check-in ?"),
                msg(2, 1, Sender::Concierge, 2, "un instant"),
            ]),
        });
        assert_eq!(
            bodies(&s, 1),
            vec!["check-in ?", "un instant", "Le check-in est à 16h."]
        );
        let tick = &s.thread(ConversationId(1)).unwrap().messages[1].message;
        assert_eq!(tick.status, MessageStatus::Delivered);
    }

    #[test]
    fn resync_marks_threads_stale() {
        let mut s = loaded(vec![conv(1, 1)]);
        s.apply(InboxAction::MessagesLoaded {
            conversation_id: ConversationId(1),
            page: whole(vec![]),
        });
        assert!(s.thread(ConversationId(1)).unwrap().fresh);
        s.apply(InboxAction::Resync);
        assert!(!s.thread(ConversationId(1)).unwrap().fresh);
        assert_eq!(s.resync_seq, 1);
    }

    #[test]
    fn a_live_update_carries_the_stay_as_the_actor_holds_it() {
        let mut s = loaded(vec![conv(1, 1)]);
        let mut live = conv(1, 2);
        live.status = ConversationStatus::NeedsHuman;
        live.stay = Some(crate::state::stays::tests::brief(7, 10, 12));
        s.apply(InboxAction::Event(ServerEvent::ConversationUpdated {
            conversation: live.clone(),
        }));
        let c = s.conversation(ConversationId(1)).unwrap();
        assert_eq!(
            c.status,
            ConversationStatus::NeedsHuman,
            "the update applied"
        );
        assert_eq!(c.stay, live.stay, "linked live, without a reload");
        // Unlinked (by another operator): the live update clears it.
        s.apply(InboxAction::Event(ServerEvent::ConversationUpdated {
            conversation: conv(1, 3),
        }));
        assert_eq!(s.conversation(ConversationId(1)).unwrap().stay, None);
    }

    #[test]
    fn a_filtered_page_adds_its_conversations_and_keeps_the_lists_next_link() {
        let mut s = InboxState::default();
        s.apply(InboxAction::ConversationsLoaded(partial(
            vec![conv(5, 50), conv(4, 40)],
            "/p2",
        )));
        s.apply(InboxAction::FilteredConversationsLoaded(vec![
            conv(4, 40),
            conv(1, 10),
        ]));
        assert_eq!(ids(&s), vec![5, 4, 1]);
        assert_eq!(s.more, Some(NextPage("/p2".into())));
    }

    #[test]
    fn filters_and_search() {
        let mut a = conv(1, 1);
        a.contact_name = Some("Éléonore Martin".into());
        a.unread_count = 2;
        let mut b = conv(2, 2);
        b.contact_name = None;
        b.phone_number = "+33 6 99 88 77 66".into();
        b.status = ConversationStatus::NeedsHuman;
        b.last_message_preview = Some("Où est la clé ?".into());
        let s = loaded(vec![a, b]);
        assert_eq!(s.visible(Filter::All, "").len(), 2);
        assert_eq!(s.visible(Filter::Unread, "").len(), 1);
        assert_eq!(s.visible(Filter::NeedsHuman, "")[0].id, ConversationId(2));
        assert_eq!(s.visible(Filter::All, "eleonore")[0].id, ConversationId(1));
        assert_eq!(s.visible(Filter::All, "0699")[0].id, ConversationId(2));
        assert_eq!(s.visible(Filter::All, "+33699")[0].id, ConversationId(2));
        assert_eq!(s.visible(Filter::All, "clé")[0].id, ConversationId(2));
        assert_eq!(s.visible(Filter::All, "cle")[0].id, ConversationId(2));
        assert!(s.visible(Filter::Unread, "cle").is_empty());
    }

    #[test]
    fn scrolling_appends_pages_without_duplicates_in_activity_order() {
        let mut s = InboxState::default();
        s.apply(InboxAction::ConversationsLoaded(partial(
            vec![conv(5, 50), conv(4, 40)],
            "/p2",
        )));
        assert_eq!(s.more, Some(NextPage("/p2".into())));
        // Conversation 4 got a message meanwhile and the server's next page still has its old copy.
        s.apply(created(msg(1, 4, Sender::Client, 55, "new")));
        s.apply(InboxAction::MoreConversationsLoaded(partial(
            vec![conv(4, 40), conv(3, 30), conv(2, 20)],
            "/p3",
        )));
        assert_eq!(ids(&s), vec![4, 5, 3, 2]);
        assert_eq!(
            s.conversation(ConversationId(4))
                .unwrap()
                .last_message_preview
                .as_deref(),
            Some("new"),
            "an older page never rolls back what a live event brought"
        );
        s.apply(InboxAction::MoreConversationsLoaded(whole(vec![conv(
            1, 10,
        )])));
        assert_eq!(ids(&s), vec![4, 5, 3, 2, 1]);
        assert_eq!(s.more, None, "the last page has no next link");
    }

    #[test]
    fn a_resync_refreshes_the_first_page_and_keeps_what_was_scrolled_to() {
        let mut s = InboxState::default();
        s.apply(InboxAction::ConversationsLoaded(partial(
            vec![conv(4, 40), conv(3, 30)],
            "/p2",
        )));
        s.apply(InboxAction::MoreConversationsLoaded(partial(
            vec![conv(2, 20), conv(1, 10)],
            "/p3",
        )));
        // After a reconnect: conversation 1 became active, 3 is now on the second page.
        s.apply(InboxAction::ConversationsLoaded(partial(
            vec![conv(1, 59), conv(4, 40)],
            "/p2-new",
        )));
        assert_eq!(ids(&s), vec![1, 4, 3, 2]);
        assert_eq!(
            s.more,
            Some(NextPage("/p3".into())),
            "the way on from the last loaded page is kept"
        );
    }

    #[test]
    fn a_first_page_without_next_link_is_the_whole_list() {
        let mut s = InboxState::default();
        s.apply(InboxAction::ConversationsLoaded(partial(
            vec![conv(2, 20)],
            "/p2",
        )));
        s.apply(InboxAction::MoreConversationsLoaded(whole(vec![conv(
            1, 10,
        )])));
        // Conversation 1 was deleted meanwhile: a complete list drops it.
        s.apply(InboxAction::ConversationsLoaded(whole(vec![conv(2, 20)])));
        assert_eq!(ids(&s), vec![2]);
        assert_eq!(s.more, None);
    }

    #[test]
    fn older_messages_go_before_the_loaded_ones_once() {
        let mut s = loaded(vec![conv(1, 1)]);
        let id = ConversationId(1);
        s.apply(InboxAction::MessagesLoaded {
            conversation_id: id,
            page: partial(
                vec![
                    msg(3, 1, Sender::Client, 3, "c"),
                    msg(4, 1, Sender::Ai, 4, "d"),
                ],
                "/older?before=3",
            ),
        });
        assert_eq!(
            s.thread(id).unwrap().older,
            Some(NextPage("/older?before=3".into()))
        );
        s.apply(InboxAction::OlderMessagesLoaded {
            conversation_id: id,
            page: whole(vec![
                msg(1, 1, Sender::Client, 1, "a"),
                msg(2, 1, Sender::Ai, 2, "b"),
                msg(3, 1, Sender::Client, 3, "c"),
            ]),
        });
        assert_eq!(bodies(&s, 1), vec!["a", "b", "c", "d"]);
        assert_eq!(s.thread(id).unwrap().older, None);
        // Reopened after a reconnect: the latest page again, the history scrolled to stays.
        s.apply(InboxAction::Resync);
        s.apply(InboxAction::MessagesLoaded {
            conversation_id: id,
            page: partial(
                vec![
                    msg(4, 1, Sender::Ai, 4, "d"),
                    msg(5, 1, Sender::Client, 5, "e"),
                ],
                "/older?before=4",
            ),
        });
        assert_eq!(bodies(&s, 1), vec!["a", "b", "c", "d", "e"]);
        assert_eq!(
            s.thread(id).unwrap().older,
            None,
            "the start of the thread is already loaded"
        );
    }

    #[test]
    fn older_guest_messages_do_not_count_as_unread() {
        let mut s = loaded(vec![conv(1, 1)]);
        s.apply(InboxAction::OlderMessagesLoaded {
            conversation_id: ConversationId(1),
            page: whole(vec![msg(1, 1, Sender::Client, 1, "a")]),
        });
        s.apply(created(msg(1, 1, Sender::Client, 1, "a")));
        assert_eq!(s.conversation(ConversationId(1)).unwrap().unread_count, 0);
    }
}
