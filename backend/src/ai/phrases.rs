//! What the concierge itself says to guests, in the six languages: welcomes, closings, holding
//! messages while a human takes over, and the note that an answer follows in French.

use super::language::Language;

/// What the guest reads while waiting for a human, in their language.
pub fn holding_message(language: Language) -> String {
    match language {
        Language::French => {
            "Merci pour votre message ! Un membre de notre équipe vous répond très rapidement."
        }
        Language::English => {
            "Thank you for your message! A member of our team will get back to you very shortly."
        }
        Language::Spanish => {
            "¡Gracias por su mensaje! Un miembro de nuestro equipo le responderá muy pronto."
        }
        Language::German => {
            "Vielen Dank für Ihre Nachricht! Ein Mitglied unseres Teams meldet sich in Kürze bei Ihnen."
        }
        Language::Italian => {
            "Grazie per il suo messaggio! Un membro del nostro team le risponderà al più presto."
        }
        Language::Portuguese => {
            "Obrigado pela sua mensagem! Um membro da nossa equipa responderá muito em breve."
        }
    }
    .into()
}

/// After the answers the FAQ could give, for the questions it could not.
pub fn rest_follows(language: Language) -> &'static str {
    match language {
        Language::French => "Un membre de l'équipe reviendra vers vous pour le reste.",
        Language::English => "A member of the team will follow up on the rest.",
        Language::Spanish => "Un miembro del equipo le responderá sobre el resto.",
        Language::German => "Ein Mitglied des Teams meldet sich wegen des Rests bei Ihnen.",
        Language::Italian => "Un membro del team le risponderà per il resto.",
        Language::Portuguese => "Um membro da equipa responderá ao resto.",
    }
}

/// Holding message for an emergency: the guest must know a person is being told now.
pub fn urgent_holding(language: Language) -> &'static str {
    match language {
        Language::French => {
            "Nous avons bien reçu votre message et prévenons l'équipe immédiatement. En cas de danger, appelez le 112."
        }
        Language::English => {
            "We have received your message and are alerting the team right now. If anyone is in danger, call 112."
        }
        Language::Spanish => {
            "Hemos recibido su mensaje y avisamos al equipo de inmediato. Si hay peligro, llame al 112."
        }
        Language::German => {
            "Wir haben Ihre Nachricht erhalten und informieren sofort das Team. Bei Gefahr rufen Sie die 112."
        }
        Language::Italian => {
            "Abbiamo ricevuto il suo messaggio e avvisiamo subito il team. In caso di pericolo chiami il 112."
        }
        Language::Portuguese => {
            "Recebemos a sua mensagem e estamos a avisar a equipa de imediato. Em caso de perigo, ligue 112."
        }
    }
}

/// A welcome for a guest who only said hello.
pub fn welcome(language: Language, conciergerie: &str) -> String {
    let from = |fr: &str| {
        if conciergerie.trim().is_empty() {
            String::new()
        } else {
            format!("{fr}{}", conciergerie.trim())
        }
    };
    match language {
        Language::French => format!(
            "Bonjour et bienvenue{} ! Comment pouvons-nous vous aider ?",
            from(" chez ")
        ),
        Language::English => format!("Hello and welcome{}! How can we help you?", from(" to ")),
        Language::Spanish => format!(
            "¡Hola y bienvenido{}! ¿En qué podemos ayudarle?",
            from(" a ")
        ),
        Language::German => format!(
            "Hallo und herzlich willkommen{}! Wie können wir Ihnen helfen?",
            from(" bei ")
        ),
        Language::Italian => format!(
            "Buongiorno e benvenuto{}! Come possiamo aiutarla?",
            from(" da ")
        ),
        Language::Portuguese => format!("Olá e bem-vindo{}! Como podemos ajudar?", from(" à ")),
    }
}

/// A short hello put before answers when the guest greeted us.
pub fn hello(language: Language) -> &'static str {
    match language {
        Language::French => "Bonjour !",
        Language::English => "Hello!",
        Language::Spanish => "¡Hola!",
        Language::German => "Hallo!",
        Language::Italian => "Buongiorno!",
        Language::Portuguese => "Olá!",
    }
}

/// A closing for a guest who thanked us or said goodbye.
pub fn closing(language: Language) -> &'static str {
    match language {
        Language::French => "Avec plaisir ! Excellent séjour 😊",
        Language::English => "You're welcome! Enjoy your stay 😊",
        Language::Spanish => "¡Con mucho gusto! Disfrute de su estancia 😊",
        Language::German => "Gern geschehen! Einen schönen Aufenthalt 😊",
        Language::Italian => "Prego! Buon soggiorno 😊",
        Language::Portuguese => "De nada! Boa estadia 😊",
    }
}

/// The reply to an acknowledgement or an emoji: a nod, in every language.
pub const NOD: &str = "👍";

/// Put before an answer written in French for a guest who writes another language.
pub fn answer_in_french(language: Language) -> Option<&'static str> {
    match language {
        Language::French => None,
        Language::English => Some("(Our answer follows in French.)"),
        Language::Spanish => Some("(Nuestra respuesta sigue en francés.)"),
        Language::German => Some("(Unsere Antwort folgt auf Französisch.)"),
        Language::Italian => Some("(La nostra risposta segue in francese.)"),
        Language::Portuguese => Some("(A nossa resposta segue em francês.)"),
    }
}
