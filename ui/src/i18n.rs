//! The interface language, shared by both apps (one choice per browser), the [`texts!`] macro
//! each app declares its own texts with, and the toolkit's texts (login form, errors, connection
//! banner, chart). Each entry holds both languages side by side, so a text cannot exist in one
//! and be forgotten in the other.
//!
//! French texts use a no-break space (U+00A0) before « : ; ! ? » and inside « », so a "?" never
//! wraps onto a line of its own.

use protocol::{FeatureStatus, Priority};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

/// One key for both apps: a choice made in one holds in the other.
const STORAGE_KEY: &str = "majordome.lang";

impl Lang {
    /// The toolkit's own texts.
    pub fn ui(self) -> &'static UiTexts {
        self.pick(&UI_FR, &UI_EN)
    }

    /// The French or the English of anything.
    pub fn pick<T>(self, fr: T, en: T) -> T {
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }

    /// BCP 47 code, for `<html lang>`.
    pub fn code(self) -> &'static str {
        self.pick("fr", "en")
    }

    pub fn other(self) -> Lang {
        self.pick(Lang::En, Lang::Fr)
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The user's last choice, French otherwise.
    pub fn load() -> Lang {
        #[cfg(target_arch = "wasm32")]
        {
            use gloo_storage::Storage;
            gloo_storage::LocalStorage::get::<String>(STORAGE_KEY)
                .ok()
                .and_then(|c| Lang::from_code(&c))
                .unwrap_or_default()
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = STORAGE_KEY;
            Lang::default()
        }
    }

    /// Remembers the choice and tells the browser (screen readers, hyphenation).
    pub fn save(self) {
        #[cfg(target_arch = "wasm32")]
        {
            use gloo_storage::Storage;
            let _ = gloo_storage::LocalStorage::set(STORAGE_KEY, self.code());
            if let Some(html) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = html.set_attribute("lang", self.code());
            }
        }
    }

    /// `n` and the singular or plural noun. French uses the singular for 0 and 1.
    pub fn plural(self, n: u64, fr: (&str, &str), en: (&str, &str)) -> String {
        let (one, many) = self.pick(fr, en);
        let singular = match self {
            Lang::Fr => n <= 1,
            Lang::En => n == 1,
        };
        format!("{n} {}", if singular { one } else { many })
    }

    /// The connection banner's countdown.
    pub fn retry_in(self, secs: i64) -> String {
        match self {
            Lang::Fr if secs <= 0 => "Reconnexion…".to_owned(),
            Lang::Fr => format!("Nouvelle tentative dans {secs}\u{a0}s"),
            Lang::En if secs <= 0 => "Reconnecting…".to_owned(),
            Lang::En => format!("Retrying in {secs} s"),
        }
    }

    /// A bar's tooltip: the day, then each series with its count.
    pub fn chart_day(self, day: &str, series: [(&str, u64); 3]) -> String {
        let parts: Vec<String> = series
            .iter()
            .map(|(label, n)| format!("{label} {n}"))
            .collect();
        let colon = self.pick("\u{a0}:", ":");
        format!("{day}{colon} {}", parts.join(", "))
    }
}

/// A feature request's status, as both apps' boards say it.
pub fn status_label(s: FeatureStatus, lang: Lang) -> &'static str {
    let t = lang.ui();
    match s {
        FeatureStatus::Pending => t.fs_pending,
        FeatureStatus::InProgress => t.fs_in_progress,
        FeatureStatus::Completed => t.fs_completed,
        FeatureStatus::Rejected => t.fs_rejected,
    }
}

/// A feature request's priority.
pub fn priority_label(p: Priority, lang: Lang) -> &'static str {
    let t = lang.ui();
    match p {
        Priority::Low => t.prio_low,
        Priority::Medium => t.prio_medium,
        Priority::High => t.prio_high,
    }
}

/// Whether a French text keeps « ? ! : ; » and « » with their word: a plain space there lets the
/// browser wrap the sign onto a line of its own.
pub fn french_spacing_ok(text: &str) -> bool {
    let breakable_before = [" ?", " !", " :", " ;", " »"];
    !breakable_before.iter().any(|p| text.contains(p)) && !text.contains("« ")
}

/// Declares an app's fixed texts: a struct with one `&'static str` field per key, and its French
/// and English instances.
///
/// ```ignore
/// majordome_ui::texts! { Texts, FR, EN;
///     logout: "Se déconnecter", "Log out";
/// }
/// ```
#[macro_export]
macro_rules! texts {
    ($name:ident, $fr_name:ident, $en_name:ident; $($key:ident: $fr:expr, $en:expr;)+) => {
        /// Every fixed text, in one language.
        pub struct $name {
            $(pub $key: &'static str,)+
        }

        impl $name {
            /// Every text, for checks over all of them.
            pub fn all(&self) -> Vec<&'static str> {
                vec![$(self.$key,)+]
            }
        }

        pub static $fr_name: $name = $name { $($key: $fr,)+ };
        pub static $en_name: $name = $name { $($key: $en,)+ };
    };
}

texts! { UiTexts, UI_FR, UI_EN;
    app_name: "Majordome", "Majordome";
    email: "E-mail", "Email";
    password: "Mot de passe", "Password";
    show_password: "Afficher le mot de passe", "Show password";
    hide_password: "Masquer le mot de passe", "Hide password";
    login_submit: "Se connecter", "Sign in";
    login_pending: "Connexion…", "Signing in…";
    login_fields_required: "Saisissez votre e-mail et votre mot de passe.", "Enter your email and password.";
    switch_lang: "Switch to English", "Passer en français";
    switch_lang_short: "EN", "FR";
    loading: "Chargement…", "Loading…";
    retry: "Réessayer", "Retry";
    dismiss: "Fermer", "Dismiss";
    logout: "Se déconnecter", "Log out";

    chart_title: "Messages par jour", "Messages per day";

    ai_mode_auto: "Auto", "Auto";
    ai_mode_suggest: "Suggestion", "Suggest";
    ai_mode_off: "Désactivée", "Off";
    ai_mode_auto_help: "L'IA répond seule au voyageur", "The AI answers the guest on its own";
    ai_mode_suggest_help: "L'IA propose, vous validez", "The AI proposes, you approve";
    ai_mode_off_help: "Pas d'IA dans cette conversation", "No AI in this conversation";
    ai_mode_auto_help_tenant: "L'IA répond seule aux voyageurs.", "The AI answers guests on its own.";
    ai_mode_suggest_help_tenant: "L'IA propose, un opérateur valide.", "The AI proposes, an operator approves.";
    ai_mode_off_help_tenant: "Pas d'IA\u{a0}: l'équipe répond à tout.", "No AI: the team answers everything.";
    role_owner: "Propriétaire", "Owner";
    role_manager: "Responsable", "Manager";
    role_agent: "Agent", "Agent";
    prio_low: "Basse", "Low";
    prio_medium: "Moyenne", "Medium";
    prio_high: "Haute", "High";
    fs_pending: "En attente", "Pending";
    fs_in_progress: "En cours", "In progress";
    fs_completed: "Terminée", "Done";
    fs_rejected: "Refusée", "Declined";
    chart_date: "Date", "Date";
    runtime_demo: "Mode démo", "Demo mode";
    runtime_simulator: "Pas de compte Twilio\u{a0}: les réponses partent vers le simulateur de voyageur intégré.",
        "No Twilio account: replies go to the built-in guest simulator.";
    runtime_offline_ai: "Pas de clé Anthropic\u{a0}: l'IA est le répondeur FAQ hors ligne.",
        "No Anthropic key: the AI is the offline FAQ responder.";
    runtime_simulator_short: "Simulateur de voyageur (sans Twilio)", "Guest simulator (no Twilio)";
    runtime_offline_ai_short: "IA\u{a0}: FAQ hors ligne", "AI: offline FAQ";
    cancel: "Annuler", "Cancel";
    saving: "Enregistrement…", "Saving…";
    field_required: "Ce champ est obligatoire.", "This field is required.";
    too_long: "Ce texte est trop long.", "This text is too long.";
    fr_new: "Nouvelle demande", "New request";
    fr_title: "Titre", "Title";
    fr_description: "Description", "Description";
    fr_priority: "Priorité", "Priority";

    err_session_expired: "Votre session a expiré\u{a0}: reconnectez-vous.", "Your session has expired: please sign in again.";
    err_session_revoked: "Votre session a été fermée (déconnexion sur un autre appareil, mot de passe changé ou compte désactivé). Reconnectez-vous.",
        "Your session was ended (signed out elsewhere, password changed or account deactivated). Please sign in again.";
    err_network: "Serveur injoignable. Vérifiez votre connexion.", "Cannot reach the server. Check your connection.";
    err_unexpected: "Réponse inattendue du serveur", "Unexpected answer from the server";
    err_invalid_credentials: "E-mail ou mot de passe incorrect.", "Wrong email or password.";
    err_account_disabled: "Ce compte a été désactivé. Contactez l'administrateur de la plateforme.",
        "This account has been deactivated. Contact the platform administrator.";
    err_rate_limited: "Trop de tentatives. Réessayez dans quelques minutes.", "Too many attempts. Try again in a few minutes.";
    err_not_available: "Cette fonction n'est pas disponible sur ce serveur.", "This feature is not available on this server.";
    err_gone: "Cet élément n'existe plus.", "This item no longer exists.";
    err_too_large: "Contenu trop volumineux.", "Content too large.";
    err_server: "Erreur du serveur. Réessayez dans un instant.", "Server error. Try again in a moment.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_switch_and_parse() {
        assert_eq!(Lang::Fr.other(), Lang::En);
        assert_eq!(Lang::from_code(Lang::En.code()), Some(Lang::En));
        assert_eq!(Lang::from_code("de"), None);
        assert_ne!(Lang::Fr.ui().logout, Lang::En.ui().logout);
    }

    #[test]
    fn plurals_follow_each_language() {
        let msg = (("message", "messages"), ("message", "messages"));
        assert_eq!(Lang::Fr.plural(0, msg.0, msg.1), "0 message");
        assert_eq!(Lang::En.plural(0, msg.0, msg.1), "0 messages");
        assert_eq!(Lang::Fr.plural(2, msg.0, msg.1), "2 messages");
    }

    #[test]
    fn french_punctuation_never_wraps_alone() {
        assert!(UI_FR.all().into_iter().all(french_spacing_ok));
        assert!(!french_spacing_ok("Bonjour !"));
        assert!(!french_spacing_ok("« Alpes »"));
        assert!(french_spacing_ok("Bonjour\u{a0}! «\u{a0}Alpes\u{a0}»"));
        assert!(Lang::Fr.ui().err_session_expired.contains("\u{a0}:"));
        assert_eq!(
            Lang::Fr.chart_day("01/03", [("Voyageurs", 4), ("IA", 3), ("Équipe", 1)]),
            "01/03\u{a0}: Voyageurs 4, IA 3, Équipe 1"
        );
        assert_eq!(Lang::En.retry_in(0), "Reconnecting…");
    }
}
