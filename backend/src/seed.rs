//! First admin and demo data, so a fresh start is usable at once.

use chrono::{Days, NaiveDate, Utc};
use entity::{admin, conciergerie, faq, template};
use protocol::automations::NewAutomation;
use protocol::faqs::Translations;
use protocol::properties::NewProperty;
use protocol::{
    AiMode, AutomationAnchor, ConciergerieId, GuestLanguage, StayOrigin, StaySource, StayStatus,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};

use crate::auth::password;
use crate::config::Config;
use crate::db;
use crate::domain::property::PropertyFields;
use crate::domain::stay::StayFields;
use crate::domain::time_zone::TimeZone;

pub const DEMO_EMAIL: &str = "demo@example.com";
pub const DEMO_PASSWORD: &str = "demo123";
pub const DEMO_NAME: &str = "Conciergerie Démo";
/// The demo login's name in the team (it is the owner).
pub const DEMO_OWNER_NAME: &str = "Camille";

/// Saved replies (`/shortcut` in the composer), so the demo shows how they speed up answers.
const DEMO_TEMPLATES: &[(&str, &str)] = &[
    (
        "bienvenue",
        "Bonjour et bienvenue ! Nous sommes ravis de vous accueillir. N'hésitez pas à nous écrire ici pour toute question pendant votre séjour.",
    ),
    (
        "wifi",
        "Le nom du réseau Wi-Fi et son mot de passe sont indiqués sur la carte posée à côté de la box, dans le salon.",
    ),
    (
        "depart",
        "Pour votre départ avant 11h : merci de laisser les clés dans la boîte à clés, de fermer les fenêtres et d'éteindre le chauffage. Bon retour !",
    ),
    (
        "merci",
        "Merci pour votre message, nous revenons vers vous très vite.",
    ),
];

/// A holiday-rental conciergerie's everyday questions, each answer also in the guests' other
/// languages (`faqs.translations`), so a first English or Spanish guest in the demo is answered
/// in their own language rather than in French with a note.
const DEMO_FAQS: &[DemoFaq] = &[
    DemoFaq {
        question: "À quelle heure est le check-in ?",
        answer: "Le check-in se fait à partir de 16h. Vous recevrez le code de la boîte à clés le jour de votre arrivée, par message.",
        translations: &[
            (GuestLanguage::English, "Check-in is from 4 pm. You will receive the key box code by message on the day of your arrival."),
            (GuestLanguage::Spanish, "La entrada es a partir de las 16:00. Recibirá el código de la caja de llaves por mensaje el día de su llegada."),
            (GuestLanguage::German, "Check-in ist ab 16 Uhr. Den Code des Schlüsselsafes erhalten Sie am Anreisetag per Nachricht."),
            (GuestLanguage::Italian, "Il check-in è dalle 16:00. Riceverete il codice della cassetta delle chiavi per messaggio il giorno del vostro arrivo."),
            (GuestLanguage::Portuguese, "O check-in é a partir das 16h. Receberá o código da caixa das chaves por mensagem no dia da sua chegada."),
        ],
    },
    DemoFaq {
        question: "À quelle heure est le check-out ?",
        answer: "Le check-out est à 11h au plus tard. Merci de laisser les clés dans la boîte à clés et de fermer les fenêtres.",
        translations: &[
            (GuestLanguage::English, "Check-out is at 11 am at the latest. Please leave the keys in the key box and close the windows."),
            (GuestLanguage::Spanish, "La salida es a las 11:00 como muy tarde. Por favor, deje las llaves en la caja de llaves y cierre las ventanas."),
            (GuestLanguage::German, "Check-out ist spätestens um 11 Uhr. Bitte legen Sie die Schlüssel in den Schlüsselsafe und schließen Sie die Fenster."),
            (GuestLanguage::Italian, "Il check-out è entro le 11:00. Vi preghiamo di lasciare le chiavi nella cassetta e di chiudere le finestre."),
            (GuestLanguage::Portuguese, "O check-out é até às 11h. Por favor, deixe as chaves na caixa das chaves e feche as janelas."),
        ],
    },
    DemoFaq {
        question: "Quel est le code wifi ?",
        answer: "Le nom du réseau et le mot de passe wifi sont inscrits sur la carte posée sur la table de l'entrée.",
        translations: &[
            (GuestLanguage::English, "The wifi network name and password are on the card on the table in the entrance."),
            (GuestLanguage::Spanish, "El nombre de la red y la contraseña del wifi están en la tarjeta que hay sobre la mesa de la entrada."),
            (GuestLanguage::German, "WLAN-Name und Passwort stehen auf der Karte auf dem Tisch im Eingang."),
            (GuestLanguage::Italian, "Il nome della rete e la password del wifi sono sulla scheda appoggiata sul tavolo dell'ingresso."),
            (GuestLanguage::Portuguese, "O nome da rede e a senha do wifi estão no cartão em cima da mesa da entrada."),
        ],
    },
    DemoFaq {
        question: "Où puis-je me garer ?",
        answer: "Une place de parking privée numérotée est incluse ; son numéro figure dans votre guide d'arrivée. Le parking public le plus proche est à 200 m.",
        translations: &[
            (GuestLanguage::English, "A numbered private parking space is included; its number is in your arrival guide. The nearest public car park is 200 m away."),
            (GuestLanguage::Spanish, "Hay una plaza de aparcamiento privada numerada incluida; su número figura en su guía de llegada. El aparcamiento público más cercano está a 200 m."),
            (GuestLanguage::German, "Ein nummerierter Privatparkplatz ist inbegriffen; die Nummer steht in Ihrem Anreiseleitfaden. Das nächste öffentliche Parkhaus ist 200 m entfernt."),
            (GuestLanguage::Italian, "È incluso un posto auto privato numerato; il numero è indicato nella vostra guida d'arrivo. Il parcheggio pubblico più vicino è a 200 m."),
            (GuestLanguage::Portuguese, "Está incluído um lugar de estacionamento privado numerado; o número está no seu guia de chegada. O parque público mais próximo fica a 200 m."),
        ],
    },
    DemoFaq {
        question: "Les animaux sont-ils acceptés ?",
        answer: "Les animaux de petite taille sont acceptés sur demande préalable, avec un supplément de ménage de 30 €.",
        translations: &[
            (GuestLanguage::English, "Small pets are welcome if you ask us beforehand, with a €30 cleaning supplement."),
            (GuestLanguage::Spanish, "Se aceptan animales pequeños previa solicitud, con un suplemento de limpieza de 30 €."),
            (GuestLanguage::German, "Kleine Haustiere sind nach vorheriger Anfrage willkommen, mit einem Reinigungszuschlag von 30 €."),
            (GuestLanguage::Italian, "Gli animali di piccola taglia sono ammessi su richiesta preventiva, con un supplemento pulizie di 30 €."),
            (GuestLanguage::Portuguese, "Animais de pequeno porte são aceites mediante pedido prévio, com um suplemento de limpeza de 30 €."),
        ],
    },
    DemoFaq {
        question: "Le linge de maison et les serviettes sont-ils fournis ?",
        answer: "Oui, les draps, les serviettes de bain et le linge de cuisine sont fournis et les lits sont faits à votre arrivée.",
        translations: &[
            (GuestLanguage::English, "Yes, sheets, bath towels and kitchen linen are provided, and the beds are made when you arrive."),
            (GuestLanguage::Spanish, "Sí, las sábanas, las toallas de baño y los paños de cocina están incluidos y las camas están hechas a su llegada."),
            (GuestLanguage::German, "Ja, Bettwäsche, Badetücher und Küchentücher sind vorhanden, und die Betten sind bei Ihrer Ankunft bezogen."),
            (GuestLanguage::Italian, "Sì, lenzuola, asciugamani da bagno e biancheria da cucina sono forniti e i letti sono fatti al vostro arrivo."),
            (GuestLanguage::Portuguese, "Sim, os lençóis, as toalhas de banho e os panos de cozinha são fornecidos e as camas estão feitas à sua chegada."),
        ],
    },
    DemoFaq {
        question: "Est-il possible d'arriver plus tôt ou de partir plus tard ?",
        answer: "Une arrivée anticipée ou un départ tardif sont possibles selon le planning de ménage, pour 25 €. Demandez-nous la veille.",
        translations: &[
            (GuestLanguage::English, "Early check-in or late check-out is possible depending on the cleaning schedule, for €25. Ask us the day before."),
            (GuestLanguage::Spanish, "Es posible llegar antes o salir más tarde según el calendario de limpieza, por 25 €. Pídanoslo el día anterior."),
            (GuestLanguage::German, "Früher anreisen oder später abreisen ist je nach Reinigungsplan für 25 € möglich. Fragen Sie uns am Vortag."),
            (GuestLanguage::Italian, "L'arrivo anticipato o la partenza posticipata sono possibili secondo il calendario delle pulizie, per 25 €. Chiedetecelo il giorno prima."),
            (GuestLanguage::Portuguese, "A chegada antecipada ou a saída tardia são possíveis conforme o horário da limpeza, por 25 €. Peça-nos na véspera."),
        ],
    },
    DemoFaq {
        question: "Comment faire les poubelles et le tri ?",
        answer: "Les conteneurs sont dans la cour : jaune pour le recyclage, vert pour le verre, gris pour le reste.",
        translations: &[
            (GuestLanguage::English, "The bins are in the courtyard: yellow for recycling, green for glass, grey for everything else."),
            (GuestLanguage::Spanish, "Los contenedores están en el patio: amarillo para reciclaje, verde para vidrio y gris para el resto."),
            (GuestLanguage::German, "Die Tonnen stehen im Hof: gelb für Recycling, grün für Glas, grau für den Restmüll."),
            (GuestLanguage::Italian, "I bidoni sono nel cortile: giallo per il riciclo, verde per il vetro, grigio per il resto."),
            (GuestLanguage::Portuguese, "Os contentores estão no pátio: amarelo para reciclagem, verde para vidro, cinzento para o resto."),
        ],
    },
];

/// A demo FAQ entry and its answer in other languages.
struct DemoFaq {
    question: &'static str,
    answer: &'static str,
    translations: &'static [(GuestLanguage, &'static str)],
}

impl DemoFaq {
    /// The `faqs.translations` column: `{"en": "…", …}`.
    fn translations(&self) -> serde_json::Value {
        let translations: Translations = self
            .translations
            .iter()
            .map(|(language, text)| (*language, (*text).to_owned()))
            .collect();
        serde_json::json!(translations)
    }
}

/// A demo property: its own answers (the wifi differs) and a sensitive key-box code.
struct DemoProperty {
    name: &'static str,
    address: &'static str,
    check_in_time: &'static str,
    arrival_instructions: &'static str,
    faqs: &'static [(&'static str, &'static str, bool)],
}

const DEMO_PROPERTIES: &[DemoProperty] = &[
    DemoProperty {
        name: "Studio Vieux-Port",
        address: "12 quai du Port, 13002 Marseille",
        check_in_time: "16:00",
        arrival_instructions: "La boîte à clés est à droite de la porte d'entrée de l'immeuble. Studio au 3e étage, porte de gauche.",
        faqs: &[
            (
                "Quel est le code wifi ?",
                "Réseau « VieuxPort-Studio », mot de passe : calanques2026.",
                false,
            ),
            (
                "Quel est le code de la boîte à clés ?",
                "Le code de la boîte à clés est 4721.",
                true,
            ),
        ],
    },
    DemoProperty {
        name: "Maison des Vignes",
        address: "5 chemin des Vignes, 84160 Lourmarin",
        check_in_time: "17:00",
        arrival_instructions: "Le portail s'ouvre avec le code envoyé la veille ; les clés sont dans la boîte aux lettres verte.",
        faqs: &[
            (
                "Quel est le code wifi ?",
                "Réseau « MaisonDesVignes », mot de passe : luberon-84.",
                false,
            ),
            (
                "Comment chauffer la piscine ?",
                "La pompe à chaleur se règle depuis le boîtier gris du local technique ; comptez 24 h pour gagner 3 °C.",
                false,
            ),
            (
                "Quel est le code du portail ?",
                "Le code du portail est 1958B.",
                true,
            ),
        ],
    },
];

/// (property index, guest, WhatsApp, arrival offset from today in days, nights, guests, source)
const DEMO_STAYS: &[(usize, &str, &str, i64, u64, i32, StaySource)] = &[
    // Arriving today.
    (
        0,
        "Camille Martin",
        "+33612340001",
        0,
        3,
        2,
        StaySource::Airbnb,
    ),
    // In stay since two days.
    (
        1,
        "Lucas Bernard",
        "+33612340002",
        -2,
        5,
        4,
        StaySource::Direct,
    ),
    // Next week.
    (
        0,
        "Sophie Laurent",
        "+33612340003",
        7,
        4,
        2,
        StaySource::Booking,
    ),
];

/// Two properties with their own answers and a few stays around `today`, so a first look at the
/// dashboard shows arrivals, guests in stay and per-property answers.
async fn seed_properties(
    db: &DatabaseConnection,
    tenant: ConciergerieId,
    today: NaiveDate,
) -> anyhow::Result<()> {
    let now = Utc::now();
    let mut ids = Vec::new();
    for demo in DEMO_PROPERTIES {
        let fields = PropertyFields::from_new(
            &NewProperty {
                name: demo.name.into(),
                address: demo.address.into(),
                check_in_time: Some(demo.check_in_time.into()),
                check_out_time: None,
                arrival_instructions: demo.arrival_instructions.into(),
                time_zone: None,
                ical_urls: Vec::new(),
            },
            TimeZone::DEFAULT,
        )?;
        let property = db::properties::insert(db, tenant, fields).await?;
        for (question, answer, sensitive) in demo.faqs {
            faq::ActiveModel {
                conciergerie_id: Set(tenant.0),
                property_id: Set(Some(property.id)),
                sensitive: Set(*sensitive),
                question: Set((*question).into()),
                answer: Set((*answer).into()),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
        ids.push(protocol::PropertyId(property.id));
    }
    for (property, guest, number, offset, nights, guests, source) in DEMO_STAYS {
        let arrival = if *offset >= 0 {
            today + Days::new(offset.unsigned_abs())
        } else {
            today - Days::new(offset.unsigned_abs())
        };
        let fields = StayFields {
            property_id: ids[*property],
            guest_name: (*guest).into(),
            whatsapp_number: Some((*number).into()),
            phone_last_digits: None,
            arrival,
            departure: arrival + Days::new(*nights),
            guests: Some(*guests),
            source: *source,
            status: StayStatus::Confirmed,
        };
        db::stays::insert(db, tenant, fields, StayOrigin::Manual, None).await?;
    }
    Ok(())
}

/// Two automations for every property, so the Réglages screen shows how they read. No demo
/// stay has one due on the day it is seeded (Camille arrives today: the day-before message is
/// past; the departures are days away). Without a template they reach only guests whose 24 h
/// window is open; a guest who never wrote gets them skipped, with the reason.
async fn seed_automations(db: &DatabaseConnection, tenant: ConciergerieId) -> anyhow::Result<()> {
    let demo = [
        (
            "Instructions d'arrivée",
            AutomationAnchor::Arrival,
            -1,
            "18:00",
            "Bonjour {{guest_name}} ! Nous vous attendons demain à {{property.name}} à partir de {{property.check_in_time}}. Écrivez-nous ici pour toute question.",
        ),
        (
            "Rappel de départ",
            AutomationAnchor::Departure,
            0,
            "08:00",
            "Bonjour {{guest_name}}, nous espérons que votre séjour s'est bien passé. Le départ est prévu avant {{property.check_out_time}}. Bon retour !",
        ),
    ];
    for (name, anchor, offset_days, send_time, body) in demo {
        let new = NewAutomation {
            property_id: None,
            name: name.into(),
            anchor,
            offset_days,
            send_time: send_time.into(),
            body: body.into(),
            content_sid: None,
            content_variables: Default::default(),
        };
        crate::automations::create(db, tenant, &new).await?;
    }
    Ok(())
}

pub async fn run(db: &DatabaseConnection, config: &Config) -> anyhow::Result<()> {
    let now = Utc::now();
    if admin::Entity::find().count(db).await? == 0 {
        admin::ActiveModel {
            email: Set(config.admin_email.clone()),
            password_hash: Set(password::hash(config.admin_password.clone()).await?),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        tracing::info!(email = %config.admin_email, "created the first platform admin");
        if config.uses_default_admin_password() {
            tracing::warn!("⚠ the platform admin uses the DEMO password `admin123`: set ADMIN_EMAIL and ADMIN_PASSWORD before going live");
        }
    }

    if config.seed_demo && conciergerie::Entity::find().count(db).await? == 0 {
        let password_hash = password::hash(DEMO_PASSWORD.into()).await?;
        let demo = conciergerie::ActiveModel {
            name: Set(DEMO_NAME.into()),
            email: Set(DEMO_EMAIL.into()),
            password_hash: Set(password_hash.clone()),
            whatsapp_number: Set(Some(config.twilio_whatsapp_number.clone())),
            messaging_service_sid: Set(None),
            ai_mode: Set(AiMode::Auto),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        // The demo login is the conciergerie's owner.
        crate::db::members::insert(
            db,
            crate::db::members::NewMember {
                conciergerie: protocol::ConciergerieId(demo.id),
                email: DEMO_EMAIL.into(),
                name: DEMO_OWNER_NAME.into(),
                password_hash,
                role: protocol::MemberRole::Owner,
            },
            now,
        )
        .await?;
        for entry in DEMO_FAQS {
            faq::ActiveModel {
                conciergerie_id: Set(demo.id),
                question: Set(entry.question.into()),
                answer: Set(entry.answer.into()),
                translations: Set(Some(entry.translations())),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
        for (shortcut, body) in DEMO_TEMPLATES {
            template::ActiveModel {
                conciergerie_id: Set(demo.id),
                shortcut: Set((*shortcut).into()),
                body: Set((*body).into()),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
        // The demo properties are in the default zone: "today" is its date.
        seed_properties(db, ConciergerieId(demo.id), TimeZone::DEFAULT.today(now)).await?;
        seed_automations(db, ConciergerieId(demo.id)).await?;
        tracing::info!("created the demo conciergerie");
    }

    let demo = conciergerie::Entity::find()
        .filter(conciergerie::Column::Email.eq(DEMO_EMAIL))
        .filter(conciergerie::Column::Active.eq(true))
        .one(db)
        .await?;
    if let Some(demo) = demo {
        refuse_demo_on_the_live_number(config, &demo)?;
        tracing::warn!("⚠ DEMO credentials are active: operator {DEMO_EMAIL} / {DEMO_PASSWORD}. Deactivate the demo conciergerie (or start with SEED_DEMO=false on an empty database) in production");
    }
    Ok(())
}

/// A database seeded offline and then started live would let anyone who knows the published demo
/// password read and answer the real guests: refuse, unless a sandbox was asked for explicitly.
fn refuse_demo_on_the_live_number(
    config: &Config,
    demo: &conciergerie::Model,
) -> anyhow::Result<()> {
    let live = config.twilio.is_some() && !config.demo_sandbox;
    if live && demo.whatsapp_number.as_deref() == Some(config.twilio_whatsapp_number.as_str()) {
        anyhow::bail!(
            "live mode (TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN set) but the demo conciergerie \
             {DEMO_EMAIL} (password `{DEMO_PASSWORD}`) holds the real number \
             TWILIO_WHATSAPP_NUMBER={}: deactivate it or change its number in the admin app \
             (start once without TWILIO_* to do so), or set SEED_DEMO=true explicitly for a sandbox",
            config.twilio_whatsapp_number
        );
    }
    Ok(())
}
