//! Line icons drawn for Majordome (24×24, stroked with the text colour by the base stylesheet),
//! one set for both apps.

use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Icon {
    Building,
    Bulb,
    Inbox,
    Pulse,
    Chat,
    Sparkles,
    Hand,
    Alert,
    Info,
    Globe,
    Logout,
    Plus,
    Edit,
    Trash,
    Eye,
    EyeOff,
    Close,
    Search,
    Offline,
    Bolt,
    Key,
    Power,
    Refresh,
    Check,
    Phone,
    User,
    Clock,
    Wand,
    ArrowRight,
    Shield,
    Coins,
    SendX,
    Faq,
    Settings,
    Chart,
    Send,
    Back,
    UserPlus,
    MapPin,
    Paperclip,
    ArrowDown,
    Undo,
    Home,
    Calendar,
}

/// A circle, written `"c cx cy r"` among an icon's paths.
macro_rules! circle {
    ($cx:literal, $cy:literal, $r:literal) => {
        concat!("c ", $cx, " ", $cy, " ", $r)
    };
}

fn paths(icon: Icon) -> &'static [&'static str] {
    match icon {
        Icon::Building => &["M4 21V5.5A1.5 1.5 0 0 1 5.5 4h8A1.5 1.5 0 0 1 15 5.5V21", "M15 10h3.5a1.5 1.5 0 0 1 1.5 1.5V21", "M3 21h18", "M8 8h3M8 12h3M8 16h3"],
        Icon::Bulb => &["M9 18h6M10 21h4", "M12 3a6 6 0 0 0-4 10.5c.7.7 1 1.5 1 2.5h6c0-1 .3-1.8 1-2.5A6 6 0 0 0 12 3z"],
        Icon::Inbox => &["M4 13l2.5-7.5A1.5 1.5 0 0 1 7.9 4.5h8.2a1.5 1.5 0 0 1 1.4 1L20 13", "M4 13v5.5A1.5 1.5 0 0 0 5.5 20h13a1.5 1.5 0 0 0 1.5-1.5V13h-5l-1.5 2.5h-3L9 13z"],
        Icon::Pulse => &["M3 12h4l2.5-6 5 12 2.5-6h4"],
        Icon::Chat => &["M4 5.5A1.5 1.5 0 0 1 5.5 4h13A1.5 1.5 0 0 1 20 5.5v9a1.5 1.5 0 0 1-1.5 1.5H9l-5 4z", "M8 9h8M8 12.5h5"],
        Icon::Sparkles => &["M11 3l1.9 5.1L18 10l-5.1 1.9L11 17l-1.9-5.1L4 10l5.1-1.9z", "M18.5 15l.8 1.9 1.9.8-1.9.8-.8 1.9-.8-1.9-1.9-.8 1.9-.8z"],
        Icon::Hand => &["M8 13V5.5a1.5 1.5 0 0 1 3 0V11", "M11 10V4.5a1.5 1.5 0 0 1 3 0V11", "M14 10.5V6a1.5 1.5 0 0 1 3 0v7c0 4-2.5 8-7 8-3 0-4.5-1.5-6-4l-1.5-3a1.5 1.5 0 0 1 2.6-1.5L8 14"],
        Icon::Alert => &[circle!(12, 12, 9), "M12 7.5v5", "M12 16.2h.01"],
        Icon::Info => &[circle!(12, 12, 9), "M12 11v5.5", "M12 7.8h.01"],
        Icon::Globe => &[circle!(12, 12, 9), "M3 12h18", "M12 3c3 3.5 3 14.5 0 18M12 3c-3 3.5-3 14.5 0 18"],
        Icon::Logout => &["M15 4h3a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1h-3", "M10 8l-4 4 4 4M6 12h9"],
        Icon::Plus => &["M12 5v14M5 12h14"],
        Icon::Edit => &["M4 20h4L19 9l-4-4L4 16z", "M13 7l4 4"],
        Icon::Trash => &["M4 7h16M9 7V4.5h6V7", "M6 7l1 13h10l1-13", "M10 11v5M14 11v5"],
        Icon::Eye => &["M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z", circle!(12, 12, 3)],
        Icon::EyeOff => &["M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z", circle!(12, 12, 3), "M4 4l16 16"],
        Icon::Close => &["M6 6l12 12M18 6 6 18"],
        Icon::Search => &[circle!(11, 11, 6), "M20 20l-4.5-4.5"],
        Icon::Offline => &["M3 3l18 18", "M8.5 16.5a5 5 0 0 1 7 0", "M5 12.7a10 10 0 0 1 5-2.6M19 12.7a10 10 0 0 0-2.5-1.8", "M2 9a15 15 0 0 1 4-2.6M22 9a15 15 0 0 0-11-3.9", "M12 20h.01"],
        Icon::Bolt => &["M13 2 4.5 13.5H11L10 22l8.5-11.5H12z"],
        Icon::Key => &[circle!(8, 15, 4), "M11 12l8-8M16 7l3 3M14 9l2 2"],
        Icon::Power => &["M12 3v8", "M6.5 6.5a8 8 0 1 0 11 0"],
        Icon::Refresh => &["M20 11a8 8 0 0 0-14.5-4.5L4 8", "M4 4v4h4", "M4 13a8 8 0 0 0 14.5 4.5L20 16", "M20 20v-4h-4"],
        Icon::Check => &["M5 12.5l4.5 4.5L19 7.5"],
        Icon::Phone => &["M9 2.5h6A2 2 0 0 1 17 4.5v15a2 2 0 0 1-2 2H9a2 2 0 0 1-2-2v-15a2 2 0 0 1 2-2z", "M11 18.5h2"],
        Icon::User => &[circle!(12, 8, 4), "M4 21c1.5-4 4.5-6 8-6s6.5 2 8 6"],
        Icon::Clock => &[circle!(12, 12, 9), "M12 7v5l3 2"],
        Icon::Wand => &["M4 20 15 9", "M13 7l4 4", "M18 3v3M16.5 4.5h3M20 10v2M19 11h2M9 3v2M8 4h2"],
        Icon::ArrowRight => &["M5 12h14M13 6l6 6-6 6"],
        Icon::Shield => &["M12 3l7 3v5c0 4.5-3 8.5-7 10-4-1.5-7-5.5-7-10V6z", "M9 12l2 2 4-4"],
        Icon::Coins => &["M4 7c0-1.7 3.1-3 7-3s7 1.3 7 3-3.1 3-7 3-7-1.3-7-3z", "M4 7v5c0 1.7 3.1 3 7 3s7-1.3 7-3V7", "M4 12v5c0 1.7 3.1 3 7 3 1.1 0 2.2-.1 3.1-.3", "M18 15v6M15 18h6"],
        Icon::SendX => &["M4 12 20 4l-6 16-2.5-6.5z", "M16 15l5 5M21 15l-5 5"],
        Icon::Faq => &[circle!(12, 12, 9), "M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.4", "M12 17h.01"],
        Icon::Settings => &["M4 7h9M17 7h3M4 17h3M11 17h9", circle!(15, 7, 2), circle!(9, 17, 2)],
        Icon::Chart => &["M5 20v-8M12 20V5M19 20v-11M3 20h18"],
        Icon::Send => &["M4 12 20 4l-6 16-2.5-6.5z", "M11.5 13.5 20 4"],
        Icon::Back => &["M15 5l-7 7 7 7"],
        Icon::UserPlus => &[circle!(10, 8, 4), "M3 21c1.3-4 4-6 7-6 1.5 0 2.9.5 4 1.3", "M19 14v6M16 17h6"],
        Icon::MapPin => &["M12 21s-7-6-7-11a7 7 0 0 1 14 0c0 5-7 11-7 11z", circle!(12, 10, 2)],
        Icon::Paperclip => &["M20 11.5l-8 8a5 5 0 0 1-7-7l8.5-8.5a3.5 3.5 0 0 1 5 5L10 17.5a2 2 0 0 1-3-3l7.5-7.5"],
        Icon::ArrowDown => &["M12 5v14M6 13l6 6 6-6"],
        Icon::Undo => &["M9 14 4 9l5-5", "M4 9h10.5a5.5 5.5 0 0 1 0 11H11"],
        Icon::Home => &["M3 11.5 12 4l9 7.5", "M5.5 10v10h13V10", "M10 20v-5.5h4V20"],
        Icon::Calendar => &["M5 5.5h14A1.5 1.5 0 0 1 20.5 7v12a1.5 1.5 0 0 1-1.5 1.5H5A1.5 1.5 0 0 1 3.5 19V7A1.5 1.5 0 0 1 5 5.5z", "M3.5 10h17", "M8 3.5v4M16 3.5v4"],
    }
}

fn shape(d: &'static str) -> Html {
    match d.strip_prefix("c ") {
        Some(c) => {
            let mut it = c.split(' ');
            let (cx, cy, r) = (it.next(), it.next(), it.next());
            html! { <circle cx={cx.unwrap_or("0")} cy={cy.unwrap_or("0")} r={r.unwrap_or("0")} /> }
        }
        None => html! { <path d={d} /> },
    }
}

/// A decorative icon: the text next to it (or an `aria-label` on its button) says what it means.
pub fn icon(icon: Icon) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            { for paths(icon).iter().map(|d| shape(d)) }
        </svg>
    }
}

/// Delivery ticks, WhatsApp-style: one for sent, two for delivered, two coloured for read.
pub fn ticks(double: bool) -> Html {
    html! {
        <svg class="ticks" viewBox="0 0 18 12" aria-hidden="true" focusable="false">
            if double {
                <path d="M1 6.5l3.2 3.2L11 2.5" />
                <path d="M7.8 9.2l.5.5L15.5 2.5" />
            } else {
                <path d="M3.5 6.5l3.2 3.2L13.5 2.5" />
            }
        </svg>
    }
}
