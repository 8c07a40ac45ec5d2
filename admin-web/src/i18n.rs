//! French (default) and English texts of the admin app. Each entry holds both languages side by
//! side, so a text cannot exist in one and be forgotten in the other. The helper itself is the
//! operator dashboard's, duplicated on purpose: the two apps share no crate but `protocol`.

pub use ui::i18n::Lang;

/// This app's texts, in the language they are asked for (`lang.t().logout`, `lang.unread(3)`).
pub trait Localized: Copy {
    fn lang(self) -> Lang;

    fn t(self) -> &'static Texts {
        self.lang().pick(&FR, &EN)
    }

    fn messages(self, n: u64) -> String {
        self.lang()
            .plural(n, ("message", "messages"), ("message", "messages"))
    }

    /// The size of a conciergerie's team (active operator accounts).
    fn team_members(self, n: u64) -> String {
        self.lang()
            .plural(n, ("membre", "membres"), ("member", "members"))
    }

    /// `Équipe de « Alpes Clés »`, the title of a conciergerie's team panel.
    fn team_title(self, name: &str) -> String {
        match self.lang() {
            Lang::Fr => format!("Équipe de «\u{a0}{name}\u{a0}»"),
            Lang::En => format!("“{name}” team"),
        }
    }

    /// `3 actifs · 1 désactivé`.
    fn team_headcount(self, active: usize, inactive: usize) -> String {
        let active = self
            .lang()
            .plural(active as u64, ("actif", "actifs"), ("active", "active"));
        if inactive == 0 {
            return active;
        }
        let inactive = self.lang().plural(
            inactive as u64,
            ("désactivé", "désactivés"),
            ("deactivated", "deactivated"),
        );
        format!("{active} · {inactive}")
    }

    fn pending_requests(self, n: u64) -> String {
        self.lang().plural(
            n,
            ("demande en attente", "demandes en attente"),
            ("pending request", "pending requests"),
        )
    }

    fn unrouted_waiting(self, n: usize) -> String {
        self.lang().plural(
            n as u64,
            ("message non routé", "messages non routés"),
            ("unrouted message", "unrouted messages"),
        )
    }

    fn new_request_note(self, author: &str, title: &str) -> String {
        match self.lang() {
            Lang::Fr => format!("Nouvelle demande de {author}\u{a0}: {title}"),
            Lang::En => format!("New request from {author}: {title}"),
        }
    }

    /// `Modifier : Alpes Clés`, for a button's accessible name.
    fn action_on(self, action: &str, target: &str) -> String {
        match self.lang() {
            Lang::Fr => format!("{action}\u{a0}: {target}"),
            Lang::En => format!("{action}: {target}"),
        }
    }

    fn edit_title(self, name: &str) -> String {
        match self.lang() {
            Lang::Fr => format!("Modifier «\u{a0}{name}\u{a0}»"),
            Lang::En => format!("Edit “{name}”"),
        }
    }

    fn created_note(self, name: &str, email: &str) -> String {
        match self.lang() {
            Lang::Fr => format!(
                "Conciergerie «\u{a0}{name}\u{a0}» créée. Ses opérateurs se connectent sur la page d'accueil avec {email} et le mot de passe initial."
            ),
            Lang::En => format!(
                "“{name}” created. Its operators sign in on the home page with {email} and the initial password."
            ),
        }
    }

    fn saved_note(self, name: &str) -> String {
        match self.lang() {
            Lang::Fr => format!("Modifications de «\u{a0}{name}\u{a0}» enregistrées."),
            Lang::En => format!("Changes to “{name}” saved."),
        }
    }

    fn deactivate_title(self, name: &str) -> String {
        match self.lang() {
            Lang::Fr => format!("Désactiver «\u{a0}{name}\u{a0}»\u{a0}?"),
            Lang::En => format!("Deactivate “{name}”?"),
        }
    }

    fn reactivate_title(self, name: &str) -> String {
        match self.lang() {
            Lang::Fr => format!("Réactiver «\u{a0}{name}\u{a0}»\u{a0}?"),
            Lang::En => format!("Reactivate “{name}”?"),
        }
    }

    fn deactivated_note(self, name: &str) -> String {
        match self.lang() {
            Lang::Fr => format!(
                "«\u{a0}{name}\u{a0}» est désactivée\u{a0}: ses opérateurs ont été déconnectés. Ses messages WhatsApp continuent d'être enregistrés."
            ),
            Lang::En => format!(
                "“{name}” is deactivated: its operators were signed out. Its WhatsApp messages are still stored."
            ),
        }
    }

    fn reactivated_note(self, name: &str) -> String {
        match self.lang() {
            Lang::Fr => {
                format!("«\u{a0}{name}\u{a0}» est réactivée\u{a0}: ses opérateurs peuvent se reconnecter.")
            }
            Lang::En => format!("“{name}” is active again: its operators can sign in."),
        }
    }

    fn reset_title(self, name: &str) -> String {
        match self.lang() {
            Lang::Fr => format!("Nouveau mot de passe pour «\u{a0}{name}\u{a0}»"),
            Lang::En => format!("New password for “{name}”"),
        }
    }

    fn reset_explain(self, email: &str) -> String {
        match self.lang() {
            Lang::Fr => format!(
                "Identifiant\u{a0}: {email}. Toutes les sessions ouvertes de cette conciergerie seront fermées."
            ),
            Lang::En => format!("Login: {email}. Every open session of this conciergerie will end."),
        }
    }

    fn reset_note(self, name: &str) -> String {
        match self.lang() {
            Lang::Fr => format!(
                "Mot de passe de «\u{a0}{name}\u{a0}» réinitialisé. Ses opérateurs ont été déconnectés."
            ),
            Lang::En => format!("Password of “{name}” reset. Its operators were signed out."),
        }
    }

    fn shown_of(self, shown: usize, total: usize) -> String {
        match self.lang() {
            Lang::Fr if shown == total => {
                self.lang()
                    .plural(total as u64, ("conciergerie", "conciergeries"), ("", ""))
            }
            Lang::En if shown == total => {
                self.lang()
                    .plural(total as u64, ("", ""), ("conciergerie", "conciergeries"))
            }
            Lang::Fr => format!("{shown} sur {total}"),
            Lang::En => format!("{shown} of {total}"),
        }
    }

    fn requests_shown(self, shown: usize, total: usize) -> String {
        match self.lang() {
            Lang::Fr if shown == total => {
                self.lang()
                    .plural(total as u64, ("demande", "demandes"), ("", ""))
            }
            Lang::En if shown == total => {
                self.lang()
                    .plural(total as u64, ("", ""), ("request", "requests"))
            }
            Lang::Fr if shown <= 1 => format!("{shown} demande sur {total}"),
            Lang::Fr => format!("{shown} demandes sur {total}"),
            Lang::En => format!("{shown} of {total} requests"),
        }
    }

    fn filed_on(self, date: &str) -> String {
        match self.lang() {
            Lang::Fr => format!("Proposée le {date}"),
            Lang::En => format!("Filed on {date}"),
        }
    }

    fn updated_ago(self, ago: &str) -> String {
        match self.lang() {
            Lang::Fr => format!("Modifiée {ago}"),
            Lang::En => format!("Updated {ago}"),
        }
    }

    fn unrouted_summary(self, messages: usize, senders: usize) -> String {
        let from = self.lang().plural(
            senders as u64,
            ("expéditeur", "expéditeurs"),
            ("sender", "senders"),
        );
        format!("{} · {from}", self.messages(messages as u64))
    }

    fn last_received(self, ago: &str) -> String {
        match self.lang() {
            Lang::Fr => format!("dernier reçu {ago}"),
            Lang::En => format!("last received {ago}"),
        }
    }

    fn show_earlier(self, n: usize) -> String {
        match self.lang() {
            Lang::Fr if n == 1 => "Voir le message précédent".to_owned(),
            Lang::Fr => format!("Voir les {n} messages précédents"),
            Lang::En if n == 1 => "Show the earlier message".to_owned(),
            Lang::En => format!("Show {n} earlier messages"),
        }
    }

    fn has_number(self, name: &str, number: &str) -> String {
        match self.lang() {
            Lang::Fr => format!("{name} (a déjà le {number})"),
            Lang::En => format!("{name} (already has {number})"),
        }
    }

    fn assign_confirm(self, number: &str, name: &str, messages: usize) -> String {
        let n = self.messages(messages as u64);
        match self.lang() {
            Lang::Fr => format!(
                "Attribuer le {number} à «\u{a0}{name}\u{a0}»\u{a0}? {n} rejoindront sa messagerie, et les suivants y arriveront directement."
            ),
            Lang::En => format!(
                "Give {number} to “{name}”? {n} will join its inbox, and the next ones will go there directly."
            ),
        }
    }

    fn assigned_note(self, moved: u64, name: &str, number: &str) -> String {
        match (self.lang(), moved) {
            (Lang::Fr, 0) => format!("Le {number} appartient désormais à «\u{a0}{name}\u{a0}»."),
            (Lang::Fr, 1) => format!(
                "Le {number} appartient désormais à «\u{a0}{name}\u{a0}»\u{a0}: 1 message a rejoint sa messagerie."
            ),
            (Lang::Fr, n) => format!(
                "Le {number} appartient désormais à «\u{a0}{name}\u{a0}»\u{a0}: {n} messages ont rejoint sa messagerie."
            ),
            (Lang::En, n) => format!(
                "{number} now belongs to “{name}”: {} moved into its inbox.",
                self.messages(n)
            ),
        }
    }

    fn messages_split(self, guest: u64, ai: u64, team: u64) -> String {
        match self.lang() {
            Lang::Fr => format!("{guest} voyageurs · {ai} IA · {team} équipes"),
            Lang::En => format!("{guest} guests · {ai} AI · {team} teams"),
        }
    }

    fn of_sent(self, share: &str) -> String {
        match self.lang() {
            Lang::Fr => format!("{share} des messages envoyés"),
            Lang::En => format!("{share} of messages sent"),
        }
    }

    fn tokens_detail(self, input: &str, output: &str) -> String {
        match self.lang() {
            Lang::Fr => format!("{input} jetons en entrée · {output} en sortie"),
            Lang::En => format!("{input} tokens in · {output} out"),
        }
    }
}

impl Localized for Lang {
    fn lang(self) -> Lang {
        self
    }
}

ui::texts! { Texts, FR, EN;
    page_title: "Majordome · administration", "Majordome · administration";
    admin_tag: "Administration", "Administration";
    admin_tag_short: "Admin", "Admin";
    skip_to_content: "Aller au contenu", "Skip to content";
    login_title: "Connexion administrateur", "Administrator sign-in";
    login_subtitle: "Gérez les conciergeries, les demandes et la santé de la plateforme.",
        "Manage the conciergeries, the requests and the platform's health.";
    login_tagline: "Toutes vos conciergeries, d'un seul coup d'œil", "Every conciergerie, at a glance";
    login_points: "Créez les comptes · attribuez les numéros WhatsApp · suivez l'activité, l'IA et ses coûts · triez les idées des équipes",
        "Create accounts · assign WhatsApp numbers · follow activity, the AI and its cost · triage the teams' ideas";
    email: "E-mail", "Email";
    password: "Mot de passe", "Password";
    show_password: "Afficher le mot de passe", "Show password";
    hide_password: "Masquer le mot de passe", "Hide password";
    login_demo_hint: "Premier administrateur (démo)\u{a0}: admin@example.com / admin123",
        "First administrator (demo): admin@example.com / admin123";
    operator_question: "Vous êtes une conciergerie\u{a0}?", "Are you a conciergerie?";
    operator_space: "Espace opérateurs", "Operator sign-in";
    logout: "Se déconnecter", "Log out";
    loading: "Chargement…", "Loading…";
    retry: "Réessayer", "Retry";
    refresh: "Actualiser", "Refresh";
    dismiss: "Fermer", "Dismiss";
    cancel: "Annuler", "Cancel";
    confirm: "Confirmer", "Confirm";
    save: "Enregistrer", "Save";
    saving: "Enregistrement…", "Saving…";
    edit: "Modifier", "Edit";
    delete: "Supprimer", "Delete";
    confirm_delete: "Supprimer définitivement\u{a0}?", "Delete for good?";
    total: "Total", "Total";
    never: "Jamais", "Never";
    yesterday: "hier", "yesterday";

    main_nav: "Navigation principale", "Main navigation";
    nav_conciergeries: "Conciergeries", "Conciergeries";
    nav_features: "Demandes", "Requests";
    nav_unrouted: "Non routés", "Unrouted";
    nav_health: "Santé", "Health";

    link_lost: "Connexion au serveur perdue\u{a0}: le tableau des demandes n'est plus à jour en direct.",
        "Lost the connection to the server: the request board is no longer live.";

    conciergeries_title: "Conciergeries", "Conciergeries";
    conciergeries_intro: "Chaque conciergerie a son compte, sa messagerie et son numéro WhatsApp. Activité des 7 derniers jours.",
        "Each conciergerie has its own account, inbox and WhatsApp number. Activity over the last 7 days.";
    conciergeries_caption: "Conciergeries et leur activité", "Conciergeries and their activity";
    conciergeries_empty: "Aucune conciergerie pour l'instant. Créez la première\u{a0}: elle pourra se connecter aussitôt.",
        "No conciergerie yet. Create the first one: it can sign in right away.";
    new_conciergerie: "Nouvelle conciergerie", "New conciergerie";
    create_conciergerie: "Créer la conciergerie", "Create the conciergerie";
    search_conciergeries: "Rechercher\u{a0}: nom, e-mail, numéro", "Search: name, email, number";
    no_match: "Aucune conciergerie ne correspond.", "No conciergerie matches.";
    kpi_active: "Conciergeries actives", "Active conciergeries";
    kpi_conversations: "Conversations", "Conversations";
    kpi_messages_7d: "Messages (7 jours)", "Messages (7 days)";
    kpi_all_conciergeries: "toutes conciergeries", "all conciergeries";
    kpi_last_activity: "Dernière activité", "Last activity";
    col_conciergerie: "Conciergerie", "Conciergerie";
    col_number: "Numéro WhatsApp", "WhatsApp number";
    col_ai_mode: "IA", "AI";
    col_conversations: "Conversations", "Conversations";
    col_messages: "Messages 7 j", "Messages 7 d";
    col_ai_share: "Part IA", "AI share";
    col_last_activity: "Dernière activité", "Last activity";
    col_actions: "Actions", "Actions";
    no_number: "Aucun numéro", "No number";
    status_active: "Active", "Active";
    team_action: "Équipe", "Team";
    team_caption: "Membres de l'équipe", "Team members";
    team_empty: "Aucun membre dans cette équipe.", "Nobody in this team.";
    col_member: "Membre", "Member";
    col_role: "Rôle", "Role";
    col_status: "Statut", "Status";
    col_created: "Créé le", "Created";
    col_last_login: "Dernière connexion", "Last sign-in";
    member_active: "Actif", "Active";
    member_inactive: "Désactivé", "Deactivated";
    status_inactive: "Désactivée", "Deactivated";
    reset_password: "Réinitialiser le mot de passe", "Reset the password";
    reset_password_short: "Mot de passe", "Password";
    deactivate: "Désactiver", "Deactivate";
    reactivate: "Réactiver", "Reactivate";
    deactivate_explain: "Ses opérateurs sont déconnectés tout de suite et ne peuvent plus se connecter. Les messages WhatsApp reçus pour elle continuent d'être enregistrés, rien n'est perdu\u{a0}; vous pourrez la réactiver à tout moment.",
        "Its operators are signed out at once and can no longer sign in. WhatsApp messages sent to it are still stored, nothing is lost; you can reactivate it at any time.";
    reactivate_explain: "Ses opérateurs pourront de nouveau se connecter et retrouveront tous les messages reçus entre-temps.",
        "Its operators can sign in again and will find every message received meanwhile.";
    new_password: "Nouveau mot de passe", "New password";
    reset_submit: "Réinitialiser", "Reset";
    generate_password: "Générer", "Generate";

    field_name: "Nom de la conciergerie", "Conciergerie name";
    field_email: "E-mail de connexion", "Login email";
    field_email_hint: "L'identifiant de ses opérateurs sur la page de connexion.", "What its operators sign in with.";
    field_initial_password: "Mot de passe initial", "Initial password";
    field_password_hint: "Au moins 8 caractères. Transmettez-le par un canal sûr.",
        "At least 8 characters. Pass it on through a safe channel.";
    field_number: "Numéro WhatsApp", "WhatsApp number";
    field_number_hint: "Format Twilio\u{a0}: whatsapp:+ puis l'indicatif et le numéro. Facultatif\u{a0}; «\u{a0}+33 6 12 34 56 78\u{a0}» est converti.",
        "Twilio's format: whatsapp:+ then country code and number. Optional; “+33 6 12 34 56 78” is converted.";
    field_sid: "Messaging Service SID", "Messaging Service SID";
    field_sid_hint: "Facultatif\u{a0}: si ses numéros passent par un Messaging Service Twilio (MG suivi de 32 caractères).",
        "Optional: when its numbers go through a Twilio Messaging Service (MG then 32 characters).";
    field_ai_mode: "Mode de l'IA par défaut", "Default AI mode";
    field_required: "Ce champ est obligatoire.", "This field is required.";
    too_long: "Ce texte est trop long.", "This text is too long.";
    email_invalid: "Adresse e-mail invalide.", "Invalid email address.";
    password_too_short: "Au moins 8 caractères.", "At least 8 characters.";
    number_invalid: "Numéro invalide\u{a0}: whatsapp:+ puis 7 à 15 chiffres, par ex. whatsapp:+33612345678.",
        "Invalid number: whatsapp:+ then 7 to 15 digits, e.g. whatsapp:+33612345678.";
    sid_invalid: "SID invalide\u{a0}: MG suivi de 32 lettres ou chiffres.", "Invalid SID: MG then 32 letters or digits.";
    field_budget: "Budget IA par jour (USD)", "Daily AI budget (USD)";
    field_budget_hint: "Au-delà, l'IA ne fait plus appel à Claude jusqu'à minuit UTC et les voyageurs sont confiés à l'équipe. Vide\u{a0}: sans limite.",
        "Past it, the AI stops calling Claude until midnight UTC and guests are handed to the team. Empty: no limit.";
    budget_invalid: "Montant invalide\u{a0}: un nombre de dollars entre 0 et 100\u{a0}000, ou vide.", "Invalid amount: a number of dollars from 0 to 100,000, or empty.";
    col_ai_spend: "IA aujourd'hui", "AI today";
    no_budget: "sans limite", "no limit";
    budget_reached: "Budget atteint", "Budget reached";

    features_title: "Demandes de fonctionnalités", "Feature requests";
    features_intro: "Les idées des conciergeries, en direct. Changez leur statut\u{a0}: chaque conciergerie suit l'avancement des siennes.",
        "The conciergeries' ideas, live. Change their status: each conciergerie follows its own.";
    stats_label: "Demandes par statut (cliquer pour filtrer)", "Requests by status (click to filter)";
    stat_total: "Total", "Total";
    stat_pending: "En attente", "Pending";
    stat_in_progress: "En cours", "In progress";
    stat_completed: "Terminées", "Done";
    stat_rejected: "Refusées", "Declined";
    filters_label: "Filtrer les demandes", "Filter the requests";
    search_requests: "Rechercher\u{a0}: titre, texte, auteur", "Search: title, text, author";
    filter_status: "Filtrer par statut", "Filter by status";
    filter_priority: "Filtrer par priorité", "Filter by priority";
    all_statuses: "Tous", "All";
    all_priorities: "Toutes les priorités", "All priorities";
    clear_filters: "Effacer les filtres", "Clear filters";
    requests_empty: "Aucune demande pour l'instant. Celles des conciergeries apparaîtront ici en direct.",
        "No request yet. The conciergeries' requests will show up here live.";
    no_request_match: "Aucune demande ne correspond à ces filtres.", "No request matches these filters.";
    idea_new_help: "Déposée au nom de Majordome\u{a0}; les conciergeries ne voient que les leurs.",
        "Filed as Majordome; conciergeries only see their own.";
    idea_priority: "Priorité", "Priority";
    idea_status: "Statut", "Status";
    idea_submit: "Ajouter", "Add";
    new_badge: "Nouveau", "New";
    unknown_author: "Auteur inconnu", "Unknown author";

    unrouted_title: "Messages non routés", "Unrouted messages";
    unrouted_intro: "Des messages WhatsApp arrivés sur un numéro qu'aucune conciergerie n'utilise. Ils sont conservés\u{a0}: attribuez le numéro à une conciergerie et ils rejoindront sa messagerie.",
        "WhatsApp messages sent to a number no conciergerie uses. They are kept: give the number to a conciergerie and they join its inbox.";
    unrouted_empty_title: "Aucun message en attente", "Nothing waiting";
    unrouted_empty: "Chaque message WhatsApp reçu a trouvé sa conciergerie.", "Every WhatsApp message received found its conciergerie.";
    no_text: "(sans texte)", "(no text)";
    assign_label: "Attribuer ce numéro à", "Give this number to";
    assign_placeholder: "Choisir une conciergerie…", "Pick a conciergerie…";
    assign_submit: "Attribuer", "Assign";
    assign_hint: "Seules les conciergeries sans autre numéro peuvent le recevoir.",
        "Only conciergeries without another number can take it.";
    assign_none: "Aucune conciergerie pour l'instant.", "No conciergerie yet.";
    assign_none_free: "Toutes les conciergeries ont déjà un numéro\u{a0}: retirez-en un, ou créez une conciergerie.",
        "Every conciergerie already has a number: remove one, or create a conciergerie.";
    assign_conflict: "Impossible d'attribuer ce numéro.", "This number cannot be assigned.";
    go_to_conciergeries: "Gérer les conciergeries", "Manage conciergeries";

    health_title: "Santé de la plateforme", "Platform health";
    health_intro: "Les 30 derniers jours, toutes conciergeries confondues.", "The last 30 days, across every conciergerie.";
    kpi_messages_30d: "Messages", "Messages";
    kpi_send_failures: "Échecs d'envoi", "Send failures";
    nothing_sent: "aucun message envoyé", "nothing sent";
    kpi_handoffs: "Passages à un humain", "Hand-offs to a human";
    kpi_handoffs_sub: "décidés par l'IA ou après une erreur", "decided by the AI or after an error";
    kpi_ai_errors: "Erreurs de l'IA", "AI errors";
    kpi_ai_errors_sub: "après toutes les tentatives", "after every retry";
    kpi_unrouted: "Messages non routés", "Unrouted messages";
    kpi_unrouted_none: "aucun en attente", "none waiting";
    see_unrouted: "Voir les messages non routés", "See unrouted messages";
    kpi_cost: "Coût IA estimé", "Estimated AI cost";
    chart_title: "Messages par jour", "Messages per day";
    last_30_days: "30 derniers jours", "last 30 days";
    legend_client: "Voyageurs", "Guests";
    legend_ai: "IA", "AI";
    legend_concierge: "Équipes", "Teams";
    no_data: "Pas encore de messages sur cette période.", "No messages in this period yet.";
    usage_title: "Jetons et coût par conciergerie", "Tokens and cost per conciergerie";
    usage_intro: "Les plus coûteuses en premier.", "Most expensive first.";
    col_messages_30d: "Messages", "Messages";
    col_ai_replies: "Réponses IA", "AI replies";
    col_input_tokens: "Jetons en entrée", "Input tokens";
    col_output_tokens: "Jetons en sortie", "Output tokens";
    col_cost: "Coût estimé", "Estimated cost";
    cost_note: "Estimation au tarif public du modèle configuré, cache compris\u{a0}; la facture d'Anthropic fait foi.",
        "Estimated at the configured model's public price, cache included; Anthropic's invoice is authoritative.";

    err_network: "Serveur injoignable. Vérifiez votre connexion.", "Cannot reach the server. Check your connection.";
    err_gone: "Cet élément n'existe plus.", "This item no longer exists.";
    err_server: "Erreur du serveur. Réessayez dans un instant.", "Server error. Try again in a moment.";
    err_email_taken: "Une conciergerie utilise déjà cet e-mail.", "A conciergerie already uses this email.";
    err_number_taken: "Ce numéro appartient déjà à une autre conciergerie.", "Another conciergerie already has this number.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_follow_each_language() {
        assert_eq!(Lang::Fr.messages(0), "0 message");
        assert_eq!(Lang::En.messages(0), "0 messages");
        assert_eq!(Lang::Fr.pending_requests(3), "3 demandes en attente");
        assert_eq!(Lang::En.unrouted_waiting(1), "1 unrouted message");
        assert_eq!(Lang::Fr.unrouted_summary(3, 1), "3 messages · 1 expéditeur");
        assert_eq!(Lang::Fr.shown_of(2, 2), "2 conciergeries");
        assert_eq!(Lang::En.shown_of(1, 4), "1 of 4");
        assert_eq!(Lang::En.requests_shown(1, 1), "1 request");
    }

    #[test]
    fn assignment_notes_say_how_many_messages_moved() {
        assert!(Lang::Fr
            .assigned_note(2, "Alpes Clés", "+33 4 55 55 55 55")
            .contains("2 messages ont rejoint"));
        assert!(Lang::Fr
            .assigned_note(1, "Alpes Clés", "+33 4 55 55 55 55")
            .contains("1 message a rejoint"));
        assert!(Lang::En
            .assigned_note(3, "Alpes", "+33 4")
            .contains("3 messages moved"));
    }

    #[test]
    fn each_language_has_its_texts() {
        assert_ne!(Lang::Fr.t().nav_unrouted, Lang::En.t().nav_unrouted);
    }

    #[test]
    fn french_texts_keep_their_punctuation_on_the_line() {
        for text in FR.all() {
            assert!(ui::i18n::french_spacing_ok(text), "{text:?}");
        }
    }
}
