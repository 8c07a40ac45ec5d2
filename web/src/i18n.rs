//! French (default) and English texts. Each entry holds both languages side by side, so a text
//! cannot exist in one and be forgotten in the other.

pub use ui::i18n::Lang;

/// This app's texts, in the language they are asked for (`lang.t().logout`, `lang.unread(3)`).
pub trait Localized: Copy {
    fn lang(self) -> Lang;

    fn t(self) -> &'static Texts {
        self.lang().pick(&FR, &EN)
    }

    fn unread(self, n: i64) -> String {
        match (self.lang(), n) {
            (Lang::Fr, 1) => "1 message non lu".to_owned(),
            (Lang::Fr, n) => format!("{n} messages non lus"),
            (Lang::En, 1) => "1 unread message".to_owned(),
            (Lang::En, n) => format!("{n} unread messages"),
        }
    }

    fn window_open(self, remaining: &str) -> String {
        match self.lang() {
            Lang::Fr => format!("Fenêtre 24\u{a0}h\u{a0}: encore {remaining}"),
            Lang::En => format!("24 h window: {remaining} left"),
        }
    }

    /// The composer's counter: characters used of WhatsApp's limit.
    fn chars_of(self, used: &str, max: &str) -> String {
        match self.lang() {
            Lang::Fr => format!("{used}\u{a0}/ {max} caractères"),
            Lang::En => format!("{used} / {max} characters"),
        }
    }

    fn no_template(self, token: &str) -> String {
        match self.lang() {
            Lang::Fr => format!("Aucune réponse type pour «\u{a0}/{token}\u{a0}»"),
            Lang::En => format!("No saved reply for “/{token}”"),
        }
    }

    fn tokens_detail(self, input: &str, output: &str) -> String {
        match self.lang() {
            Lang::Fr => format!("{input} en entrée · {output} en sortie"),
            Lang::En => format!("{input} in · {output} out"),
        }
    }

    fn conversation_with(self, who: &str) -> String {
        match self.lang() {
            Lang::Fr => format!("Conversation avec {who}"),
            Lang::En => format!("Conversation with {who}"),
        }
    }

    fn filed_on(self, date: &str) -> String {
        match self.lang() {
            Lang::Fr => format!("Proposée le {date}"),
            Lang::En => format!("Filed on {date}"),
        }
    }

    fn count_label(self, n: usize) -> String {
        match (self.lang(), n) {
            (Lang::Fr, 0) => "Aucune conversation".to_owned(),
            (Lang::Fr, 1) => "1 conversation".to_owned(),
            (Lang::Fr, n) => format!("{n} conversations"),
            (Lang::En, 1) => "1 conversation".to_owned(),
            (Lang::En, n) => format!("{n} conversations"),
        }
    }

    /// "Marc écrit…", "Marc et Léa écrivent…" in the chat header.
    fn presence_typing(self, names: &[String]) -> String {
        let who = self.names(names);
        match (self.lang(), names.len()) {
            (Lang::Fr, 1) => format!("{who} écrit…"),
            (Lang::Fr, _) => format!("{who} écrivent…"),
            (Lang::En, 1) => format!("{who} is typing…"),
            (Lang::En, _) => format!("{who} are typing…"),
        }
    }

    /// "Marc consulte", "Marc et Léa consultent".
    fn presence_viewing(self, names: &[String]) -> String {
        let who = self.names(names);
        match (self.lang(), names.len()) {
            (Lang::Fr, 1) => format!("{who} consulte"),
            (Lang::Fr, _) => format!("{who} consultent"),
            (Lang::En, 1) => format!("{who} is viewing"),
            (Lang::En, _) => format!("{who} are viewing"),
        }
    }

    /// "Marc", "Marc et Léa", "Marc, Léa et Nina".
    fn names(self, names: &[String]) -> String {
        let and = self.lang().pick(" et ", " and ");
        match names {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{}{and}{last}", rest.join(", ")),
        }
    }

    /// The list's count while older pages are not loaded yet: at least that many (the same
    /// words in both languages).
    fn count_label_at_least(self, n: usize) -> String {
        format!("{n}+ conversations")
    }
}

impl Localized for Lang {
    fn lang(self) -> Lang {
        self
    }
}

ui::texts! { Texts, FR, EN;
    tagline: "La conciergerie sur WhatsApp, secondée par l'IA",
        "Your concierge business on WhatsApp, backed by AI";
    login_title: "Connexion", "Sign in";
    login_subtitle: "Accédez à la messagerie de votre conciergerie.",
        "Open your concierge team's inbox.";
    email: "E-mail", "Email";
    login_demo_hint: "Compte de démonstration\u{a0}: demo@example.com / demo123",
        "Demo account: demo@example.com / demo123";
    login_points: "Vos voyageurs écrivent sur WhatsApp · l'IA répond à partir de votre FAQ · votre équipe reprend la main quand il le faut",
        "Guests write on WhatsApp · the AI answers from your FAQ · your team takes over whenever needed";
    hero_guest: "Bonjour\u{a0}! À quelle heure puis-je arriver demain\u{a0}?", "Hi! What time can I arrive tomorrow?";
    hero_ai: "Bonjour\u{a0}! L'arrivée se fait à partir de 16 h. La boîte à clés est à droite de la porte, code 4821.",
        "Hello! Check-in is from 4 pm. The key box is to the right of the door, code 4821.";
    hero_thanks: "Parfait, merci beaucoup\u{a0}!", "Perfect, thanks a lot!";
    logout: "Se déconnecter", "Log out";
    loading: "Chargement…", "Loading…";
    retry: "Réessayer", "Retry";
    dismiss: "Fermer", "Dismiss";

    main_nav: "Navigation principale", "Main navigation";
    nav_inbox: "Messages", "Inbox";
    nav_faq: "FAQ", "FAQ";
    nav_settings: "Réglages", "Settings";
    nav_analytics: "Statistiques", "Analytics";
    nav_ideas: "Idées", "Ideas";
    // The tab bar on a phone: seven tabs share ~390 px, so each label is a few letters.
    nav_inbox_short: "Boîte", "Inbox";
    nav_settings_short: "Régl.", "Setup";
    nav_analytics_short: "Stats", "Stats";
    nav_properties_short: "Logts", "Homes";
    nav_stays_short: "Séj.", "Stays";
    open_simulator_short: "Simu", "Sim";

    link_lost: "Connexion au serveur perdue\u{a0}: les nouveaux messages n'arrivent plus.",
        "Lost the connection to the server: new messages are not coming in.";
    link_connecting: "Connexion au direct…", "Connecting to live updates…";
    open_simulator: "Simulateur", "Simulator";
    open_simulator_long: "Ouvrir le simulateur de voyageur", "Open the guest simulator";
    close_simulator: "Fermer le simulateur", "Close the simulator";

    inbox_title: "Conversations", "Conversations";
    search_label: "Rechercher une conversation", "Search conversations";
    search_placeholder: "Nom, numéro ou message", "Name, number or message";
    clear_search: "Effacer la recherche", "Clear search";
    filters_label: "Filtrer les conversations", "Filter conversations";
    filter_all: "Toutes", "All";
    filter_needs_human: "À traiter", "Needs a human";
    filter_unread: "Non lues", "Unread";
    filter_urgent: "Urgentes", "Urgent";
    empty_inbox: "Aucune conversation pour l'instant", "No conversations yet";
    empty_inbox_hint: "Les messages WhatsApp de vos voyageurs apparaîtront ici en direct.",
        "Your guests' WhatsApp messages will show up here live.";
    empty_inbox_sim_hint: "Jouez un voyageur avec le simulateur pour essayer.",
        "Play a guest with the simulator to try it.";
    no_match: "Aucune conversation ne correspond.", "No conversation matches.";
    load_more: "Charger plus de conversations", "Load more conversations";
    search_partial: "La recherche porte sur les conversations chargées.", "Search covers the loaded conversations.";
    load_all: "Tout charger", "Load all";
    load_older: "Messages précédents", "Earlier messages";

    triage: "Trier la conversation", "Triage";
    close_conversation: "Clore", "Close";
    reopen: "Rouvrir", "Reopen";
    snooze: "Reporter", "Snooze";
    snooze_one_hour: "Dans 1\u{a0}h", "In 1 hour";
    snooze_tomorrow: "Demain 9:00", "Tomorrow 9:00";
    snooze_next_week: "Lundi prochain 9:00", "Next Monday 9:00";
    snooze_custom: "Date et heure", "Date and time";
    snooze_cancel: "Ne plus reporter", "Unsnooze";
    snoozed_until: "Reportée jusqu'au", "Snoozed until";
    labels: "Étiquettes", "Labels";
    labels_none: "Aucune étiquette. Créez-en dans Réglages.", "No labels yet. Create some in Settings.";
    rename_contact: "Renommer le contact", "Rename the contact";
    view_label: "Afficher", "Show";
    view_open: "Ouvertes", "Open";
    view_snoozed: "Reportées", "Snoozed";
    view_closed: "Closes", "Closed";
    label_filter: "Étiquette", "Label";
    label_filter_any: "Toutes les étiquettes", "All labels";
    labels_settings: "Étiquettes", "Labels";
    labels_settings_hint: "Classez les conversations (ménage, VIP, litige…) et filtrez la boîte de réception par étiquette.",
        "Sort conversations (cleaning, VIP, dispute…) and filter the inbox by label.";
    label_name: "Nom de l'étiquette", "Label name";
    label_colour: "Couleur", "Colour";
    label_add: "Ajouter l'étiquette", "Add label";
    label_delete: "Supprimer l'étiquette", "Delete label";
    search_messages: "Messages", "Messages";
    search_messages_none: "Aucun message ne correspond.", "No message matches.";
    search_searching: "Recherche dans l'historique…", "Searching the history…";

    chip_ai: "IA", "AI";
    chip_suggest: "IA suggère", "AI suggests";
    chip_human: "Humain", "Human";
    chip_needs_human: "À traiter", "Needs a human";
    chip_urgent: "Urgent", "Urgent";
    chip_failed: "Échec d'envoi", "Send failed";
    chip_closed: "Clôturée", "Closed";
    chip_suggestion_ready: "Suggestion à valider", "Suggestion to review";

    select_conversation: "Sélectionnez une conversation", "Pick a conversation";
    select_conversation_hint: "Les nouveaux messages arrivent en direct, sans recharger la page.",
        "New messages arrive live, without reloading the page.";
    back: "Retour aux conversations", "Back to conversations";
    today: "Aujourd'hui", "Today";
    yesterday: "Hier", "Yesterday";
    sender_ai: "IA", "AI";
    sender_you: "Équipe", "Team";
    sender_me: "Vous", "You";
    sender_guest: "Voyageur", "Guest";
    engine_claude: "Claude", "Claude";
    engine_offline: "FAQ hors ligne", "offline FAQ";
    status_pending: "Envoi en cours", "Sending";
    status_queued: "En file d'attente", "Queued";
    status_sent: "Envoyé", "Sent";
    status_delivered: "Distribué", "Delivered";
    status_read: "Lu", "Read";
    status_failed: "Échec de l'envoi", "Failed";
    status_undelivered: "Non distribué", "Undelivered";
    location: "Position partagée", "Shared location";
    open_map: "Voir sur OpenStreetMap", "View on OpenStreetMap";
    attachment: "Pièce jointe", "Attachment";
    open_attachment: "Ouvrir la pièce jointe", "Open attachment";
    new_messages: "Nouveaux messages", "New messages";
    load_thread_failed: "Impossible de charger les messages.", "Could not load the messages.";
    thread_empty: "Pas encore de message dans cette conversation.", "No messages in this conversation yet.";

    window_closed: "Fenêtre 24 h fermée", "24 h window closed";
    window_never: "En attente du voyageur", "Waiting for the guest";
    window_closed_explain: "WhatsApp n'autorise les réponses libres que dans les 24 h qui suivent le dernier message du voyageur. Cette fenêtre est fermée\u{a0}: elle se rouvrira dès qu'il vous écrira.",
        "WhatsApp only allows free-form replies within 24 hours of the guest's last message. This window is closed; it reopens as soon as the guest writes again.";
    window_never_explain: "WhatsApp n'autorise une réponse libre qu'après un message du voyageur.",
        "WhatsApp only allows a free-form reply after the guest has written.";
    composer_label: "Votre réponse", "Your reply";
    composer_placeholder: "Écrire un message… ( / pour une réponse type)", "Write a message… ( / for a saved reply)";
    composer_hint: "Entrée pour envoyer · Maj+Entrée pour aller à la ligne",
        "Enter to send · Shift+Enter for a new line";
    send: "Envoyer", "Send";
    templates_popup: "Réponses types", "Saved replies";
    templates_none_yet: "Pas encore de réponse type.", "No saved replies yet.";
    templates_create_first: "Créer la première", "Create the first one";
    insert_template: "Insérer une réponse type", "Insert a saved reply";
    send_failed: "Message non envoyé", "Message not sent";
    err_body_too_long: "Message trop long pour WhatsApp\u{a0}: raccourcissez-le ou envoyez-le en plusieurs fois.",
        "Message too long for WhatsApp: shorten it or send it in several parts.";
    length_over: "Trop long pour un seul message WhatsApp", "Too long for one WhatsApp message";
    note_label: "Note interne", "Internal note";
    note_toggle_title: "Écrire une note visible seulement par l'équipe, jamais envoyée au voyageur",
        "Write a note only the team sees, never sent to the guest";
    note_placeholder: "Note pour l'équipe (jamais envoyée au voyageur)", "Note for the team (never sent to the guest)";
    note_add: "Ajouter la note", "Add note";
    note_failed: "Note non enregistrée", "Note not saved";
    export_list: "Exporter en CSV", "Export as CSV";
    export_list_title: "Télécharger toutes les conversations (CSV)", "Download every conversation (CSV)";
    export_thread: "Exporter la conversation (CSV)", "Export the conversation (CSV)";
    first_run_title: "Pour bien démarrer", "Getting started";
    first_run_faqs: "Ajoutez vos réponses (FAQ) pour que l'IA réponde aux voyageurs",
        "Add your answers (FAQ) so the AI can answer guests";
    first_run_saved_replies: "Créez vos réponses types (/raccourci dans la réponse)",
        "Create saved replies (/shortcut in the reply box)";
    first_run_number: "Renseignez votre numéro WhatsApp", "Enter your WhatsApp number";
    first_run_done: "(fait)", "(done)";
    first_run_team: "Invitez votre équipe (Réglages → Équipe)", "Invite your team (Settings → Team)";
    assignee_label: "Assignée à", "Assigned to";
    assignee_nobody: "Personne", "Nobody";
    filter_mine: "Mes conversations", "My conversations";
    filter_unassigned: "Non assignées", "Unassigned";
    team_title: "Équipe", "Team";
    team_help: "Chaque membre a son propre accès. Seul le propriétaire invite, change les rôles et désactive.",
        "Each member has their own login. Only the owner invites, changes roles and deactivates.";
    team_invite: "Inviter un membre", "Invite a member";
    team_name: "Nom", "Name";
    team_email: "E-mail", "Email";
    team_role: "Rôle", "Role";
    team_initial_password: "Mot de passe initial", "Initial password";
    team_invited: "Membre invité. Donnez-lui son e-mail et son mot de passe initial.",
        "Member invited. Give them their email and initial password.";
    team_deactivate: "Désactiver", "Deactivate";
    team_reactivate: "Réactiver", "Reactivate";
    team_inactive: "Désactivé", "Deactivated";
    team_you: "vous", "you";
    password_title: "Mon mot de passe", "My password";
    password_current: "Mot de passe actuel", "Current password";
    password_new: "Nouveau mot de passe", "New password";
    password_change: "Changer le mot de passe", "Change password";
    password_changed: "Mot de passe changé. Vos autres sessions sont fermées.",
        "Password changed. Your other sessions are closed.";

    ai_mode_label: "Mode de l'IA dans cette conversation", "AI mode in this conversation";
    ai_mode_default: "par défaut", "default";
    ai_mode_reset: "Revenir au réglage par défaut", "Back to the default setting";
    hand_back: "Rendre la main à l'IA", "Hand back to the AI";
    take_over: "Prendre la main", "Take over";
    ai_paused_note: "Vous avez pris la main\u{a0}: l'IA se tait dans cette conversation.",
        "You took over: the AI stays quiet in this conversation.";
    handoff_title: "L'IA vous passe la main", "The AI handed over to you";
    handoff_default_reason: "Elle n'a pas trouvé de réponse sûre dans votre FAQ.",
        "It found no reliable answer in your FAQ.";
    mark_handled: "Marquer comme traitée", "Mark as handled";
    notice_handoff: "L'IA passe la main", "The AI handed over";
    notice_ai_failure: "L'IA n'a pas pu répondre", "The AI could not answer";
    suggestion_title: "Suggestion de l'IA", "AI suggestion";
    suggestion_send: "Envoyer", "Send";
    suggestion_edit: "Modifier", "Edit";
    suggestion_discard: "Ignorer", "Discard";
    conversation_actions: "Réglages de la conversation", "Conversation controls";

    simulator_title: "Simulateur de voyageur", "Guest simulator";
    simulator_intro: "Jouez un voyageur\u{a0}: vos messages suivent le même chemin qu'un vrai message WhatsApp.",
        "Play a guest: your messages take the same path as a real WhatsApp message.";
    sim_number: "Numéro du voyageur", "Guest's number";
    sim_name: "Nom du voyageur", "Guest's name";
    sim_number_invalid: "Numéro au format international, par ex. +33 6 12 34 56 78",
        "International format, e.g. +33 6 12 34 56 78";
    sim_placeholder: "Message", "Message";
    sim_send: "Envoyer en tant que voyageur", "Send as the guest";
    sim_empty: "Écrivez comme un voyageur, par exemple «\u{a0}À quelle heure est l'arrivée\u{a0}?\u{a0}»",
        "Write as a guest would, e.g. “What time is check-in?”";
    sim_new_guest: "Nouveau voyageur", "New guest";
    sim_online: "en ligne", "online";
    sim_unavailable: "Le simulateur n'est disponible qu'en mode démo (sans Twilio).",
        "The simulator is only available in demo mode (without Twilio).";
    sim_open_conversation: "Voir la conversation", "Open the conversation";

    faq_title: "FAQ", "FAQ";
    faq_intro: "L'IA répond à partir de ces questions-réponses. Chaque modification s'applique immédiatement.",
        "The AI answers from these questions and answers. Every change applies at once.";
    faq_add: "Ajouter une FAQ", "Add a FAQ";
    faq_question: "Question", "Question";
    faq_answer: "Réponse", "Answer";
    faq_question_hint: "Telle que le voyageur la poserait, par ex. «\u{a0}À quelle heure est le check-in\u{a0}?\u{a0}»",
        "As a guest would ask it, e.g. “What time is check-in?”";
    faq_empty: "Aucune FAQ pour l'instant. Ajoutez les questions que vos voyageurs posent le plus\u{a0}: arrivée, Wi-Fi, parking…",
        "No FAQ yet. Add what your guests ask most: check-in, Wi-Fi, parking…";
    faq_search: "Rechercher dans la FAQ", "Search the FAQ";
    save: "Enregistrer", "Save";
    saving: "Enregistrement…", "Saving…";
    cancel: "Annuler", "Cancel";
    edit: "Modifier", "Edit";
    delete: "Supprimer", "Delete";
    confirm_delete: "Supprimer définitivement\u{a0}?", "Delete for good?";
    field_required: "Ce champ est obligatoire.", "This field is required.";
    too_long: "Ce texte est trop long.", "This text is too long.";
    updated_at: "Modifiée", "Updated";

    settings_title: "Réglages", "Settings";
    settings_ai_title: "IA concierge", "AI concierge";
    settings_ai_default: "Mode de l'IA par défaut", "Default AI mode";
    settings_ai_default_help: "S'applique à toutes les conversations qui n'ont pas leur propre réglage.",
        "Applies to every conversation without its own setting.";
    settings_services: "Services connectés", "Connected services";
    channel_label: "Canal", "Channel";
    channel_twilio: "WhatsApp via Twilio", "WhatsApp through Twilio";
    channel_simulator: "Simulateur intégré (pas de Twilio)", "Built-in simulator (no Twilio)";
    engine_label: "Moteur IA", "AI engine";
    ai_claude: "Claude (Anthropic)", "Claude (Anthropic)";
    ai_offline: "Répondeur FAQ hors ligne (pas de clé Anthropic)", "Offline FAQ responder (no Anthropic key)";
    whatsapp_number: "Numéro WhatsApp", "WhatsApp number";
    language: "Langue de l'interface", "Interface language";
    templates_title: "Réponses types", "Saved replies";
    templates_intro: "Dans la zone de saisie, tapez / suivi du raccourci pour insérer une réponse type.",
        "In the composer, type / and the shortcut to insert a saved reply.";
    template_shortcut: "Raccourci", "Shortcut";
    template_body: "Texte", "Text";
    template_add: "Nouvelle réponse type", "New saved reply";
    templates_empty: "Aucune réponse type pour l'instant.", "No saved replies yet.";
    shortcut_invalid: "Lettres, chiffres, tirets\u{a0}: pas d'espace.", "Letters, digits, dashes: no spaces.";

    analytics_title: "Statistiques", "Analytics";
    period_label: "Période", "Period";
    days_7: "7 jours", "7 days";
    days_30: "30 jours", "30 days";
    days_90: "90 jours", "90 days";
    kpi_conversations: "Conversations", "Conversations";
    kpi_ai_share: "Réponses écrites par l'IA", "Replies written by the AI";
    kpi_handoff: "Passées à un humain", "Handed to a human";
    kpi_first_response: "Délai de première réponse", "First response time";
    kpi_first_response_sub: "médiane", "median";
    kpi_tokens: "Jetons IA", "AI tokens";
    kpi_cost: "Coût IA estimé", "Estimated AI cost";
    kpi_ai_share_sub: "des réponses envoyées", "of the replies sent";
    kpi_handoff_sub: "des conversations", "of conversations";
    chart_title: "Messages par jour", "Messages per day";
    legend_client: "Voyageurs", "Guests";
    legend_ai: "IA", "AI";
    legend_concierge: "Équipe", "Team";
    no_data: "Pas encore de données sur cette période.", "No data for this period yet.";

    ideas_title: "Demandes de fonctionnalités", "Feature requests";
    ideas_intro: "Une idée pour améliorer Majordome\u{a0}? Proposez-la ici et suivez son avancement.",
        "An idea to make Majordome better? Suggest it here and follow its progress.";
    idea_priority: "Priorité", "Priority";
    idea_submit: "Proposer", "Submit";
    ideas_empty: "Vous n'avez encore rien proposé.", "You have not suggested anything yet.";

    // Properties (logements) and stays (séjours).
    nav_properties: "Logements", "Properties";
    nav_stays: "Séjours", "Stays";
    properties_title: "Logements", "Properties";
    properties_intro: "Chaque logement a ses horaires, ses instructions d'arrivée et ses propres réponses\u{a0}: l'IA les donne aux voyageurs qui y séjournent.",
        "Each property has its own times, arrival instructions and answers: the AI gives them to the guests staying there.";
    property_add: "Ajouter un logement", "Add a property";
    properties_empty: "Aucun logement pour l'instant.", "No property yet.";
    property_name: "Nom", "Name";
    property_address: "Adresse", "Address";
    property_check_in: "Arrivée à partir de", "Check-in from";
    property_check_out: "Départ avant", "Check-out by";
    property_time_zone: "Fuseau horaire", "Time zone";
    settings_time_zone_default: "Fuseau horaire par défaut des logements", "Default time zone of properties";
    settings_time_zone_help: "Donné à chaque nouveau logement\u{a0}; chaque logement garde le sien, modifiable dans Logements.",
        "Given to each new property; each property keeps its own, editable under Properties.";
    property_time_zone_hint: "Les horaires, les messages automatiques et les «\u{a0}arrivées aujourd'hui\u{a0}» suivent l'heure locale du logement (par ex. Europe/Paris, America/Martinique).",
        "Times, automated messages and \"arriving today\" follow the property's local time (e.g. Europe/Paris, America/Martinique).";
    property_instructions: "Instructions d'arrivée", "Arrival instructions";
    property_ical: "Calendriers iCal (une adresse par ligne)", "iCal calendars (one URL per line)";
    property_ical_hint: "Les liens d'export Airbnb, Booking ou VRBO\u{a0}: les séjours s'y synchronisent.",
        "The export links Airbnb, Booking or VRBO give: stays are synced from them.";
    property_in_use: "Ce logement a encore des séjours ou des réponses\u{a0}: supprimez-les d'abord.",
        "This property still has stays or answers: delete them first.";
    property_sync_failed: "Dernière synchronisation en échec\u{a0}:", "Last sync failed:";
    property_calendars: "calendrier(s)", "calendar(s)";
    property_answers: "Réponses de ce logement", "This property's answers";
    property_answers_hint: "Elles priment sur la FAQ commune pour les voyageurs de ce logement.",
        "They win over the shared FAQ for this property's guests.";
    property_answers_empty: "Pas encore de réponse propre à ce logement.", "No answer of this property's own yet.";
    property_answer_add: "Ajouter une réponse", "Add an answer";
    sensitive: "Sensible", "Sensitive";
    sensitive_hint: "Code de porte, de boîte à clés, d'alarme\u{a0}: donné seulement au voyageur d'un séjour en cours.",
        "Door, key-box or alarm code: given only to the guest of a current stay.";
    stays_title: "Séjours", "Stays";
    stays_intro: "Les réservations de vos logements\u{a0}: les messages d'un voyageur sont reliés à son séjour par son numéro WhatsApp.",
        "Your properties' bookings: a guest's messages are linked to their stay by their WhatsApp number.";
    stay_add: "Ajouter un séjour", "Add a stay";
    stays_empty: "Aucun séjour pour ces critères.", "No stay matches.";
    stays_need_property: "Créez d'abord un logement dans l'onglet Logements.", "Create a property first, in the Properties tab.";
    stay_property: "Logement", "Property";
    stay_all_properties: "Tous les logements", "All properties";
    stay_from: "Du", "From";
    stay_to: "Au", "To";
    stay_guest: "Voyageur", "Guest";
    stay_whatsapp: "Numéro WhatsApp", "WhatsApp number";
    stay_arrival: "Arrivée", "Arrival";
    stay_departure: "Départ", "Departure";
    stay_guests: "Personnes", "Guests";
    stay_source: "Provenance", "Source";
    stay_cancel: "Annuler le séjour", "Cancel the stay";
    stay_restore: "Rétablir", "Restore";
    stay_cancelled: "Annulé", "Cancelled";
    stay_source_direct: "Direct", "Direct";
    stay_source_other: "Autre", "Other";
    stay_origin_csv: "Import CSV", "CSV import";
    stay_origin_ical: "Calendrier iCal", "iCal calendar";
    csv_import: "Importer un fichier CSV", "Import a CSV file";
    csv_hint: "Colonnes\u{a0}: logement, voyageur, téléphone, arrivée, départ (et personnes, provenance, référence si vous les avez).",
        "Columns: property, guest, phone, arrival, departure (and guests, source, reference if you have them).";
    csv_importing: "Import en cours…", "Importing…";
    csv_created: "créé(s)", "created";
    csv_updated: "mis à jour", "updated";
    csv_errors: "ligne(s) refusée(s)", "line(s) refused";
    csv_line: "Ligne", "Line";
    csv_unreadable: "Ce fichier n'a pas pu être lu.", "This file could not be read.";
    phase_before: "Arrivée prochaine", "Arriving soon";
    phase_in_stay: "En séjour", "In stay";
    phase_departed: "Parti", "Departed";
    phase_all: "Tous les séjours", "All stays";
    phase_arriving_today: "Arrivées aujourd'hui", "Arriving today";
    stay_link: "Lier à un séjour", "Link to a stay";
    stay_unlink: "Délier", "Unlink";
    stay_pick: "Choisir le séjour…", "Pick the stay…";
    stay_none: "Aucun séjour lié", "No linked stay";
    scheduled_title: "Messages programmés", "Scheduled messages";
    scheduled_cancel: "Ne pas envoyer", "Don't send";
    scheduled_none: "Aucun message programmé pour ce séjour.", "No scheduled messages for this stay.";
    scheduled_show: "Messages programmés", "Scheduled messages";
    scheduled_skipped: "Non envoyé", "Not sent";
    scheduled_failed: "Échec", "Failed";
    automations_title: "Messages automatiques", "Automatic messages";
    automations_intro: "Envoyés au voyageur de chaque séjour, à un moment fixé par rapport à son arrivée ou à son départ. Hors de la fenêtre de 24 h de WhatsApp (toujours pour un voyageur qui n'a jamais écrit), seul un modèle approuvé par WhatsApp peut partir.",
        "Sent to the guest of every stay, at a time set from their arrival or departure. Outside WhatsApp's 24 h window (always, for a guest who never wrote), only a template approved by WhatsApp can go.";
    automations_empty: "Aucun message automatique pour l'instant.", "No automatic messages yet.";
    automation_add: "Nouveau message automatique", "New automatic message";
    automation_name: "Nom", "Name";
    automation_property: "Logements", "Properties";
    automation_all_properties: "Tous les logements", "Every property";
    automation_anchor: "Par rapport à", "Relative to";
    automation_arrival: "L'arrivée", "Arrival";
    automation_departure: "Le départ", "Departure";
    automation_offset: "Jours (−1 = la veille)", "Days (−1 = the day before)";
    automation_time: "Heure d'envoi (heure du logement)", "Send time (property's local time)";
    automation_body: "Message", "Message";
    automation_body_hint: "Variables\u{a0}: {{guest_name}}, {{property.name}}, {{property.check_in_time}}, {{property.check_out_time}}, {{stay.arrival}}, {{stay.departure}}",
        "Variables: {{guest_name}}, {{property.name}}, {{property.check_in_time}}, {{property.check_out_time}}, {{stay.arrival}}, {{stay.departure}}";
    automation_template: "Modèle WhatsApp (Content SID, facultatif)", "WhatsApp template (Content SID, optional)";
    automation_template_hint: "Le SID HX… d'un modèle approuvé dans la console Twilio, envoyé hors de la fenêtre de 24 h.",
        "The HX… SID of a template approved in the Twilio console, sent outside the 24 h window.";
    automation_variables: "Variables du modèle", "Template variables";
    automation_variables_hint: "Une par ligne\u{a0}: 1 = {{guest_name}}", "One per line: 1 = {{guest_name}}";
    automation_variable_line: "Ligne illisible (attendu\u{a0}: 1 = {{guest_name}}), ligne", "Unreadable line (expected: 1 = {{guest_name}}), line";
    automation_not_a_number: "Un nombre de jours, par exemple −1 ou 2", "A number of days, e.g. −1 or 2";
    automation_enabled: "Activé", "On";
    automation_disabled: "Désactivé", "Off";
    automation_no_template: "Sans modèle\u{a0}: n'atteint que les voyageurs qui ont écrit depuis moins de 24 h", "No template: reaches only guests who wrote in the last 24 h";
    automation_with_template: "Modèle", "Template";

    err_network: "Serveur injoignable. Vérifiez votre connexion.", "Cannot reach the server. Check your connection.";
    err_63016: "Hors de la fenêtre de 24 h de WhatsApp\u{a0}: le voyageur doit écrire avant qu'une réponse libre puisse lui parvenir",
        "Outside WhatsApp's 24 h window: the guest must write before a free-form reply can reach them";
    err_bad_number: "Numéro WhatsApp invalide ou inexistant", "Invalid or unknown WhatsApp number";
    err_unreachable: "Voyageur injoignable (téléphone éteint ou hors réseau)", "Guest unreachable (phone off or out of coverage)";
    err_filtered: "Message filtré par l'opérateur mobile", "Message filtered by the carrier";
    err_rate_limited: "Limite d'envoi WhatsApp atteinte", "WhatsApp sending limit reached";
    err_blocked: "Message refusé par WhatsApp", "Message refused by WhatsApp";
    err_unknown: "Échec de l'envoi", "Delivery failed";
    kpi_ai_answers: "Réponses de l'IA", "AI answers";
    kpi_ai_answers_sub: "hors messages d'attente", "holding messages excluded";
    kpi_holding: "Messages d'attente", "Holding messages";
    kpi_holding_sub: "envoyés en passant la main", "sent while handing over";
    kpi_handoffs: "Passages de main", "Hand-overs";
    kpi_handoffs_sub: "à l'équipe, sur la période", "to the team, in the period";
    faq_translations: "Traductions", "Translations";
    faq_fill_missing: "Compléter les langues manquantes", "Fill in missing languages";
    faq_needs_claude: "La traduction automatique nécessite Claude (clé ANTHROPIC_API_KEY). Vous pouvez saisir les traductions vous-même.",
        "Automatic translation needs Claude (an ANTHROPIC_API_KEY). You can type the translations yourself.";
    faq_review_drafts: "Traductions proposées par Claude\u{a0}: relisez-les, puis enregistrez.",
        "Translations drafted by Claude: review them, then save.";
    faq_save_translations: "Enregistrer les traductions", "Save translations";
    faq_translations_saved: "Traductions enregistrées.", "Translations saved.";
    msg_translation: "Traduction", "Translation";
    msg_detected_language: "Langue détectée", "Detected language";
    msg_translation_needs_claude: "la traduction nécessite Claude", "translation needs Claude";
    translate_for_guest: "Traduire pour le voyageur", "Translate for the guest";
    use_translation: "Utiliser la traduction", "Use the translation";
    attach_file: "Joindre une image ou un PDF", "Attach an image or a PDF";
    attach_remove: "Retirer la pièce jointe", "Remove the attachment";
    attach_uploading: "Envoi du fichier…", "Uploading the file…";
    attach_failed: "Pièce jointe refusée", "Attachment refused";
    attach_bad_type: "seules les images (JPEG, PNG, WebP, GIF) et les PDF peuvent être envoyés.",
        "only images (JPEG, PNG, WebP, GIF) and PDFs can be sent.";
    attach_too_big: "fichier trop lourd, 5\u{a0}Mo au maximum.", "file too large, 5 MB at most.";
    notify_title: "Notifications", "Notifications";
    notify_desktop: "Notifications de bureau (nouveaux messages des voyageurs, passages de main)",
        "Desktop notifications (new guest messages, hand-overs)";
    notify_sound: "Bip sonore à chaque notification", "Beep with each notification";
    notify_help: "Seulement quand l'onglet est caché ou que la conversation n'est pas ouverte. Réglage propre à ce compte sur ce navigateur.",
        "Only when the tab is hidden or the conversation is not open. Kept for this account in this browser.";
    notify_denied: "Le navigateur bloque les notifications de ce site\u{a0}: autorisez-les dans ses réglages.",
        "The browser blocks notifications for this site: allow them in its settings.";
    notify_unsupported: "Ce navigateur ne propose pas de notifications de bureau.",
        "This browser has no desktop notifications.";
    notify_new_message: "Nouveau message", "New message";
    notify_handoff: "À reprendre par l'équipe", "Needs the team";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_texts_keep_their_punctuation_on_the_line() {
        for text in FR.all() {
            assert!(ui::i18n::french_spacing_ok(text), "{text:?}");
        }
    }
}
