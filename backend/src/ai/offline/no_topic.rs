//! Words that say when, or how a question is put, but never what it is about: days, months,
//! parts of the day, and the modal verbs of the six languages in their everyday forms. "Is the
//! pool still open mid-October?", "¿la alberca está abierta en mayo?" and "à partir de quelle
//! heure pourrons-nous entrer ?" ask about the pool and the arrival; read as unknown topics, the
//! month or the modal would send them to a person.
//!
//! Like the hours (`text::hours`), these words are dropped from the question's terms; the FAQ's
//! own words still decide what is asked.

use super::lexicon::Concept;

/// Folded words: weekdays and months, in the six languages.
#[rustfmt::skip]
const DAYS_AND_MONTHS: &[&str] = &[
    // Weekdays.
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "tue", "tues", "wed", "thu", "thurs", "fri",
    "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonnabend", "sonntag",
    "lunedi", "martedi", "mercoledi", "giovedi", "venerdi", "sabato", "domenica",
    "segunda", "terca", "quarta", "quinta", "sexta",
    // Months.
    "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
    "octobre", "novembre", "decembre",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "setiembre", "octubre", "noviembre", "diciembre",
    "januar", "jaenner", "jaenner", "februar", "marz", "juni", "juli", "oktober", "dezember",
    "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre",
    "dicembre",
    "janeiro", "fevereiro", "marco", "maio", "junho", "julho", "setembro", "outubro",
    "novembro", "dezembro",
];

/// Folded words: parts of the day, nearby days and parts of a month, in the six languages.
#[rustfmt::skip]
const TIME_WORDS: &[&str] = &[
    "aujourd'hui", "aujourdhui", "demain", "apres-demain", "hier", "ce", "soir", "matin",
    "matinee", "apres-midi", "aprem", "nuit", "semaine", "weekend", "week-end",
    "today", "tomorrow", "tonight", "yesterday", "morning", "afternoon", "evening", "night",
    "week", "hoy", "manana", "pasado", "tarde", "noche", "semana", "finde",
    "heute", "morgen", "ubermorgen", "gestern", "abend", "abends", "nachmittag", "vormittag",
    "nacht", "nachts", "woche", "wochenende", "mitte", "anfang", "ende",
    "oggi", "domani", "dopodomani", "ieri", "stasera", "stamattina", "pomeriggio", "sera",
    "mattina", "notte", "settimana", "fine", "meta",
    "hoje", "amanha", "depois", "ontem", "manha", "noite", "fim", "meados",
    "mid", "beginning", "debut", "mi-",
    // The holidays the guests are on ("estamos de férias", "pendant les vacances"): when, not
    // what ("férias" is no typo of "feiras", markets).
    "vacances", "vacation", "vacations", "vacaciones", "urlaub", "ferien", "vacanze", "ferias",
    // The usual times, instead of them: "around noon instead of the usual time".
    "usual", "habituel", "habituelle", "habituelles", "habitual", "habituales", "ublich",
    "ubliche", "ublichen", "solito", "solita", "soliti", "habitual", "habituais", "normal",
    "normale", "normales", "normaux", "instead", "lieu",
];

/// The place itself, whatever guests call it: the whole stay is there, so it names no topic
/// ("on pourra rentrer dans la villa à quelle heure ?" asks about the arrival).
#[rustfmt::skip]
const PLACE_WORDS: &[&str] = &[
    "villa", "chalet", "studio", "gite", "loft", "cottage", "lodge", "bungalow", "mas",
    "flat", "house", "home", "property", "accommodation", "rental", "condo", "unit",
    "piso", "depa", "departamento", "depto", "casita", "cabana", "finca", "chale",
    "ferienwohnung", "ferienhaus", "fewo", "hutte", "bleibe",
    "appartamento", "appartamentino", "villetta", "baita", "dimora",
    "apartamento", "ape", "apto", "moradia", "vivenda", "chale",
    "logis", "residence", "appartements", "maisonnette",
    // A farm stay (session 8): "can we buy eggs from the farm?" asks about the eggs.
    "farm", "farmhouse", "granja", "cortijo", "bauernhof", "fattoria", "agriturismo",
    "masseria", "casale", "casolare", "herdade", "longere",
    // The rental itself: "¿el alquiler incluye plaza de garaje?".
    "alquiler", "miete", "affitto", "aluguel", "aluguer", "arrendamiento", "booking",
    "reservation", "reserva", "buchung", "prenotazione",
];

/// Other names of the place, which the function words already drop ("casa", "Wohnung").
#[rustfmt::skip]
const MORE_PLACE_WORDS: &[&str] = &[
    "maison", "appartement", "appart", "logement", "apartment", "casa", "alojamiento",
    "wohnung", "haus", "unterkunft", "alloggio", "alojamento",
];

/// Whether a folded word names the place itself (the whole rental).
pub fn is_the_place(word: &str) -> bool {
    PLACE_WORDS.contains(&word) || MORE_PLACE_WORDS.contains(&word)
}

/// How much, how far, how long: they ask for an amount, a distance or a duration of the thing
/// named next to them ("how much is the deposit?", "¿cuánto cuesta la limpieza?", "combien de
/// temps à pied pour la plage ?"), as "when" asks for a time. ("Cuánto" is no typo of "cuándo".)
#[rustfmt::skip]
const MEASURE_WORDS: &[&str] = &[
    "combien", "prix", "cout", "coute", "coutent", "couter", "much", "cost", "costs",
    "costing", "price", "prices", "priced", "cuanto", "cuanta", "cuantos", "cuantas", "cuesta",
    "cuestan", "costar", "precio", "precios", "viel", "kostet", "kosten", "preis", "preise",
    "hoch", "teuer", "quanto", "quanta", "quanti", "quante", "costa", "costano", "prezzo",
    "prezzi", "qnt", "qto", "custa", "custam", "preco", "precos", "quantos", "quantas",
    // Far, on foot, how long.
    "far", "distance", "distancia", "distanza", "entfernt", "entfernung", "weit", "dista",
    "distante", "longe", "lejos", "walk", "walking", "walkable", "pied", "pie", "fuss",
    "piedi", "minutes", "minute", "minutos", "minuten", "minuti", "mins", "min", "km",
    "metres", "meters", "metros", "metri", "temps", "tiempo", "zeit", "tempo", "long",
    // The end of the stay: "la limpieza final", "ménage de fin de séjour", "Endreinigung".
    "final", "finale", "end",
    // Included, reserved, a baby's age: "¿incluye plaza?", "un posto auto riservato", "un bébé
    // de 10 mois".
    "incluye", "incluyen", "inclut", "includes", "include", "enthalt", "enthalten",
    "incluso", "inclusa", "inclui", "incluem", "reserve", "reservee", "reserved", "reservado",
    "reservada", "riservato", "riservata", "reserviert", "reservierter", "mois", "month",
    "months", "meses", "monat", "monate", "mese", "mesi",
    // Free of charge: "bis wann kann ich kostenlos stornieren?".
    "gratuit", "gratuite", "gratuitement", "free", "kostenlos", "gratis", "gratuito",
    "gratuita", "gratuitamente",
];

/// "The little one", "ones": a number word with nothing counted. Other numbers stay: "six
/// people instead of four", "two more nights" ask for something the count is part of.
const NUMBER_WORDS: &[&str] = &["one", "ones"];

/// Modal verbs (can, must, may, it is needed) in their everyday forms, folded.
#[rustfmt::skip]
const MODALS: &[&str] = &[
    "pourrons", "pourrions", "pourriez", "pourra", "pourrait", "pourrez", "pourront",
    "pourrais", "pourrai", "puisse", "puissions", "puissent", "doit", "doivent", "devons",
    "devez", "devrons", "devrions", "devrait", "devra", "faudra", "faudrait", "fallait",
    "may", "might", "must", "should", "shall", "ought", "shud", "shld", "cud", "cld", "wud",
    "coud", "shoud",
    "puedo", "puedes", "puede", "podemos", "pueden", "podria", "podriamos", "podrian",
    "podremos", "debo", "debe", "debemos", "deben", "deberiamos", "tenemos", "tengo",
    "konnen", "kann", "konnte", "konnten", "durfen", "darf", "durfte", "durften", "mussen",
    "muss", "musste", "mussten", "sollen", "soll", "sollte", "sollten",
    "posso", "possiamo", "potete", "possono", "potremmo", "potrei", "potrebbe", "devo",
    "deve", "dobbiamo", "dovete", "devono", "dovremmo", "bisogna", "occorre", "serve",
    "gia",
    "pode", "podem", "podemos", "poderiamos", "poderia", "posso", "devo", "deve", "devemos",
    "devem", "deveriamos", "preciso", "precisa", "precisamos",
];

/// Verbs of getting, giving, bringing, using and knowing: "le code, on le reçoit quand ?",
/// "qdo vcs mandam o código", "gli asciugamani dobbiamo portarceli?" ask about the code and the
/// towels. Their other forms are found through the stemmers (`inflectable`).
#[rustfmt::skip]
const GENERIC_VERBS: &[&str] = &[
    "recevoir", "recoit", "recevons", "recevez", "recevrons", "recevrai", "recu", "recue",
    "obtenir", "envoyer", "envoie", "envoyez", "envoyes", "envoyee", "donner", "donnez",
    "apporter", "amener", "ramener", "emmener", "utiliser", "utilise", "savoir", "connaitre",
    "receive", "received", "receiving", "get", "gets", "getting", "got", "gotten", "send",
    "sent", "sending",
    "give", "given", "giving", "bring", "bringing", "brought", "use", "using", "used",
    "recibir", "recibimos", "recibo", "recibe", "reciben", "mandar", "mandan", "mandais",
    "mandas", "manda", "enviar", "envian", "envias", "envia", "dar", "dan", "traer", "traemos",
    "traigo", "llevar", "llevamos", "llevo", "usar", "usamos", "conseguir", "obtener",
    "bekommen", "bekommt", "bekomme", "kriegen", "kriegt", "kriege", "schicken", "schickt",
    "schickst", "senden", "sendet", "geben", "bringen", "mitbringen", "nehmen", "mitnehmen",
    "benutzen", "nutzen", "wissen",
    "ricevere", "riceviamo", "riceve", "ricevo", "mandare", "mandate", "mandi", "inviare",
    "inviate", "invia", "dare", "date", "portare", "portiamo", "porto", "portarceli",
    "portarli", "portarlo", "portarla", "portarle", "prendere", "prendiamo", "usare", "sapere",
    "receber", "recebemos", "recebo", "recebe", "recebem", "mandam", "mandamos", "envia",
    "enviam", "trazer", "trazemos", "trago", "levar", "levamos", "levo", "pegar", "pegamos",
    "buscar", "buscamos", "usar",
    // Taking, catching (a bus, the keys): "como se apanha o autocarro", "vous prenez une caution".
    "prendre", "prend", "prenez", "prenons", "prennent", "take", "takes", "taking", "took",
    "catch", "tomar", "tomamos", "toma", "coger", "cogemos", "coge", "apanhar", "apanha",
    "apanhamos", "pegam",
    // Finding, and how a thing works: "nn trovo dove…", "wie funkt die Heizung?".
    "trovare", "trovo", "troviamo", "trovate", "found", "finding", "trouver", "trouve",
    "trouvons", "encontrar", "encuentro", "encontramos", "encontro", "finden", "finde",
    "gefunden", "achar", "acho", "achamos", "funkt", "funktioniert", "funktionieren",
    "fonctionne", "fonctionnent", "funciona", "funcionan", "funzionano",
    // Giving back: "when do we get the deposit back?", "quando ci restituite la cauzione?".
    "back", "return", "returned", "rendu", "rendue", "restituer", "restitue", "zuruck",
    "zuruckbekommen", "zuruckgezahlt", "devolver", "devuelven", "devuelve", "devolucion",
    "restituire", "restituite", "restituisce", "restituzione", "devolvem", "devolve",
    "devolucao",
    // Looking for: "je cherche le code wifi", "ich suche den Schlüssel".
    "cherche", "cherchons", "chercher", "cherchez", "lookingfor", "wondering", "busco", "buscando",
    "suche", "suchen", "cerco", "cerchiamo", "cercare", "cercando", "procuro", "procuramos",
    "procurar", "procurando",
    // Knowing, issuing, lighting, forgetting, recommending (session 8): "conhecem
    // algum restaurante?", "vocês emitem fatura?", "como se acende a lareira?", "g oublié le
    // code", "¿nos recomiendas un restaurante?" ask about the restaurant, the invoice, the
    // fireplace, the code.
    "conhecer", "conhecem", "conhece", "conocer", "conocen", "conoces", "conoceis", "kennen",
    "kennt", "kennst", "conoscere", "conoscete", "conosci", "connaissez", "connaissons",
    "emettre", "emettez", "emitir", "emiten", "emite", "emitem", "ausstellen", "emettere",
    "emettete", "issue", "issued", "issuing", "rilasciare", "rilasciate",
    "acender", "acende", "acendo", "acendemos", "anzunden", "encendemos", "accendiamo",
    "oublier", "oublie", "oublies", "forgot", "forget", "forgotten", "olvidar", "olvide",
    "olvidamos", "olvidado", "vergessen", "dimenticare", "dimenticato", "esquecer", "esqueci",
    "esquecemos",
    "recommander", "recommandez", "recommend", "recommends", "recommendation",
    "recommendations", "recommandations", "recomendar", "recomiendas", "recomienda",
    "recomiendan", "recomendacion", "recomendaciones", "empfehlen", "empfehlt", "empfehlung",
    "empfehlungen", "consigliare", "consigliate", "consigli", "consiglio", "recomendam",
    "recomenda", "recomendacoes",
    // Buying: what is bought is the topic ("où acheter les forfaits ?", "comprar pão"), not
    // the shops.
    "acheter", "achete", "achetons", "achetez", "achetent", "buy", "buying", "bought",
    "comprar", "compramos", "compra", "compran", "compro", "kaufen", "kauft", "kaufe",
    "comprare", "compriamo", "compra", "compram",
    // Paying names what is paid for ("do we need to pay a deposit?", "a limpeza é paga à
    // parte?"); the ways to pay (card, cash, transfer) stay `Payment`.
    "payer", "paye", "payons", "payez", "pay", "paying", "paid", "pagar", "pagamos", "paga",
    "pagan", "zahlen", "bezahlen", "zahlt", "bezahlt", "pagare", "paghiamo", "pagato",
    "pagata", "pagam",
    // Watching ("si può vedere Netflix?"), going up ("un bus que suba a las pistas"), putting
    // ("wo stellen wir die Ski hin?"), drying, snowing: what is watched, reached, put, dried is
    // the topic.
    "regarder", "watch", "watching", "schauen", "anschauen", "vedere", "guardare", "assistir",
    "suba", "sube", "suben", "subimos", "stellen", "stellt", "hinstellen", "nevica", "snows",
    "snowing", "nieva", "schneit",
    // The road up: "do we need chains on the road?".
    "road", "roads", "route", "carretera", "strasse", "strada", "estrada",
];

/// Words around a request that name none (session 8): being supposed to, needing ("brauchen
/// wir Ketten?"), somewhere, a few, good ("um restaurante bom"), the little one ("trona para
/// el peque"), "which one", tips, whose name an invoice bears (a company, its name), the stay
/// itself, "included", chat shortenings ("cmt", "pr", "evtl").
#[rustfmt::skip]
const FILLERS: &[&str] = &[
    "supposed", "supposedly", "meant", "brauchen", "brauche", "braucht", "brauchst", "reichen",
    "reicht", "irgendwo", "irgendwie", "irgendwas", "something", "anything", "qualcosa",
    "bom", "boa", "bons", "boas", "peque", "peques", "paar", "couple", "lequel", "laquelle",
    "lesquels", "lesquelles", "tips", "tipps", "conseils", "consejos", "suggestions",
    "suggestion", "empresa", "firma", "societe", "company", "azienda", "entreprise", "nom",
    "nome", "nombre", "name", "soggiorno", "estancia", "estadia", "aufenthalt", "compris",
    "comprise", "compreso", "compresa", "inclusive", "cmt", "pr", "evtl", "eventuell",
    "hacemos", "hacen", "haces", "haceis",
    // Knowing ("on ne sait pas où…"), someone, negations in chat ("cant find it"), "just"
    // ("acabamos de"), staying ("può stare in casa?"), picking up ("levantar as chaves"), the
    // meantime, degrees, cheap, complete.
    "sait", "sais", "savons", "savez", "someone", "somebody", "anyone", "anybody", "alguien",
    "jemand", "qualcuno", "alguem", "cant", "dont", "wont", "didnt", "doesnt", "isnt",
    "arent", "couldnt", "wats", "wot", "rite", "acabamos", "acabo", "acaba", "stare",
    "stiamo", "levantar", "levantamos", "levanto", "meantime", "meanwhile", "entretemps",
    "mientras", "intanto", "frattempo", "enquanto", "inzwischen", "zwischendurch", "degrees",
    "degres", "grados", "grad", "gradi", "graus", "barato", "barata", "cheap", "cheaper",
    "cheapest", "gunstig", "gunstiger", "economico", "economica", "komplett", "complete",
    "completo", "completa", "complet", "mme", "mrs", "mlle",
    "spatestens",
    // Outside, within, higher, the temperature, ready, well-behaved, although, a family, sending
    // again, raising: "peut-on fumer dehors ?", "la temperatura del termosifone", "aunque no
    // esté listo", "notre chienne est très sage".
    "dehors", "outside", "outdoors", "fuera", "afuera", "draussen", "fuori", "within", "hoher",
    "higher", "niedriger", "lower", "temperature", "temperatura", "temperatur", "listo",
    "lista", "listos", "ready", "fertig", "sage", "sages", "aunque", "famille", "familia",
    "familie", "famiglia", "familias", "renvoyer", "renvoie", "renvoyez", "alza", "alzo",
    "alziamo", "abbassa", "fa", "etc", "afewthings",
    // Some ("qualche sera"), a pet's age and calm ("il est vieux, il ne bouge pas de la
    // journée"), the traffic on the way ("gros bouchons vers Chambéry").
    "qualche", "alcuni", "alcune", "vieux", "vieille", "old", "viejo", "vieja", "vecchio",
    "vecchia", "velho", "velha", "bouge", "journee", "bouchons", "bouchon", "traffic",
    "atasco", "atascos", "stau", "traffico", "transito", "gros", "grosse", "risque",
    "risquons",
    // Outdoor ("une douche extérieure"): the thing outdoors is the topic.
    "exterieur", "exterieure", "exterieurs", "exterieures", "exterior", "outdoor", "aussen",
    "esterno", "esterna", "externo", "externa",
    // Charging a deposit ("¿cuándo se cobra la fianza?"), planned, sleeping and the maximum
    // ("quante persone possono dormire al massimo?"), used, freely, unfolding (a sofa bed),
    // getting around, starting a machine, managing to ("no consigo subir las persianas"): what
    // is charged, slept in, used, unfolded, reached, started, is the topic. (Not a
    // dishwasher's tablets: an entry on the dishwasher does not say whether they are there.)
    "cobrar", "cobra", "cobran", "cobrado", "cobrada", "preleve", "prelevee", "prelevement",
    "prelever", "debite", "debitee", "debited", "abgebucht", "abbuchen", "addebitato",
    "addebitata", "addebitare", "previsto", "prevista", "planned", "vorgesehen", "dormir",
    "dormire", "sleep", "sleeps", "schlafen", "maximum", "max", "maximo", "massimo", "maximal",
    "usadas", "usados", "usada", "usado", "usate", "usati", "usata", "usato", "benutzt",
    "genutzt", "vontade", "volonte", "deplie", "deplier", "depliable", "unfold", "unfolds",
    "desplegar", "despliega", "ausklappen", "ausklappbar", "ausziehbar", "apribile",
    "balader", "balade", "promener", "giro", "andare", "pasear", "passear", "herumfahren",
    "explore", "explorer", "explorar", "esplorare", "avviare", "avvia", "avvio", "lancer",
    "lance", "lancez", "arrancar", "arranca", "starten", "startet", "consigo", "consigue",
    "consigues", "space", "packing", "pack",
    // Picking (in the vegetable garden).
    "cueillir", "cueille", "colher", "pflucken", "raccogliere", "espace", "espacio", "spazio", "espaco",
    // Fresh ("pão fresco"; the French "frais" is also a fee), downstairs, the living room,
    // a flight, separately, rules (of what is named next to them).
    "fresh", "fresco", "fresca", "frescos", "frescas", "frisch", "frische", "freschi",
    "enbas", "downstairs", "abajo", "unten", "embaixo", "salotto", "wohnzimmer", "living",
    "lounge", "vuelo", "flight", "flug", "volo", "voo", "aparte", "separately", "gesondert",
    "regle", "regles", "rule", "rules", "norma", "normas", "regla", "reglas", "regola",
    "regole", "regel", "regeln", "regra", "regras",
];

/// Chat shortenings of "for" and "to the": "bicis pa los niños", "pra praia".
#[rustfmt::skip]
const CHAT_FUNCTION_WORDS: &[&str] = &[
    "pa", "pal", "pra", "pro", "pros", "pras", "x", "xa",
    // Fillers and chat shortenings: "oye", "qué onda", "msm" (mesmo), "lol", "dv" (dove), "cm"
    // (como), "qdo" (quando), "sn" (sono), "ther", "hows", "nich" (nicht).
    "oye", "onda", "msm", "mesmo", "lol", "haha", "hahaha", "jaja", "jajaja", "kkk", "kkkk",
    "rsrs", "mdr", "ptdr", "dv", "wich", "re", "porfa", "porfis", "cm", "qdo", "qnd", "vcs",
    "sn", "ther", "theres", "hows", "whats", "nich", "ne", "pe", "tmb", "tbm", "tb", "ke", "q",
    "k", "xq", "pq", "bn", "dnd", "nd", "dsd", "dsp", "pdt", "qd", "tjrs", "bcp",
    // Here, near, things, "a gente" (we): "onde tem uma farmácia por aqui?", "comprar cosas".
    "aqui", "aca", "alla", "ahi", "ici", "hier", "dort", "qui", "qua", "cerca", "perto",
    "vicino", "vicina", "proche", "pres", "nahe", "nearest", "closest", "gente", "cosas",
    "cosa", "choses", "things", "stuff", "sachen", "cose", "coisas",
    // The other meals say when friends come, not what is asked ("unos amigos a cenar").
    "dejeuner", "diner", "dinner", "lunch", "supper", "souper", "cenar", "cena", "almorzar",
    "almuerzo", "comer", "mittagessen", "abendessen", "pranzo", "pranzare", "cenare",
    "almoco", "almocar", "jantar",
    // Travelling, and a pet's weight: "nous voyageons avec notre petit chien, un bichon de
    // 5 kg".
    "voyager", "voyageons", "voyage", "voyageant", "travel", "travelling", "traveling",
    "travelled", "viajar", "viajamos", "viajo", "viajando", "reisen", "reise", "reist",
    "viaggiare", "viaggiamo", "viaggio", "viaggiando", "viajante", "viagem", "kg", "kilo",
    "kilos", "kilogrammes", "pounds", "lbs",
    // Years: "disponible todo el año", "my mother is 82 years old".
    "ano", "anos", "annee", "annees", "ans", "year", "years", "jahr", "jahre", "jahren",
    "anno", "anni", "disponible", "disponibles", "available", "disponibile", "disponivel",
    "verfugbar",
    // Asking and wondering: "volevo chiedere se…" ("chiedere" is no typo of "chien").
    "chiedere", "chiedo", "chiediamo", "chiedevo", "volevo", "volevamo", "voleva",
    "demander", "demande", "demandons", "ask", "asking", "asked", "wonder", "wondering",
    "wondered", "preguntar", "pregunto", "preguntamos", "queria", "queriamos", "fragen",
    "wollte", "wollten", "perguntar", "pergunto", "wanted", "po",
    // Turning up or down, the machine: "monter le chauffage", "la lessive pour la machine".
    "monter", "baisser", "turn", "up", "down", "subir", "bajar", "alzare", "abbassare",
    "aumentar", "diminuir", "hochdrehen", "runterdrehen", "aufdrehen", "machine", "machines",
    // Everyday adverbs: "on laisse les clés où exactement ?".
    "exactement", "vraiment", "seulement", "simplement", "justement", "normalement",
    "probablement", "actuellement", "directement", "facilement", "finalement",
    "eventuellement", "precisement", "exactly", "precisely", "exacto", "genau",
    // Anyway, still: "können wir trotzdem selbst einchecken?".
    "trotzdem", "anyway", "anyways", "igualmente", "comunque", "quandmeme", "still",
];

/// The generic verbs long enough for their stems to find their other forms ("reçoivent",
/// "bekommst", "portiamo").
pub fn inflectable() -> impl Iterator<Item = &'static str> {
    GENERIC_VERBS.iter().copied().filter(|w| w.len() >= 5)
}

/// Words of an opening calendar in an answer: "tous les jours", "daily", "en saison".
#[rustfmt::skip]
const CALENDAR_WORDS: &[&str] = &[
    "jours", "quotidien", "days", "daily", "everyday", "dias", "diario", "tage", "taglich",
    "giorni", "giornalmente", "saison", "season", "temporada", "stagione", "feries",
    "holidays", "festivos", "feiertage", "festivi", "feriados",
];

/// Units of a delay in an answer: "7 jours après le départ", "48 h avant".
#[rustfmt::skip]
const DELAY_UNITS: &[&str] = &[
    "jours", "semaines", "days", "weeks", "dias", "semanas", "tage", "tagen", "wochen",
    "giorni", "settimane", "h", "heures", "hours", "horas", "stunden", "ore",
];
/// A day before or after, on its own: "la veille", "le lendemain", "am Vortag".
#[rustfmt::skip]
const DAY_BEFORE_OR_AFTER: &[&str] = &["veille", "lendemain", "vortag", "vespera"];

/// Whether a (folded) answer gives a delay: a number of days, weeks or hours, or the day before
/// or after. ("Le jour de l'arrivée" gives none, nor do hours of the day alone: "un départ
/// tardif jusqu'à 14h" does not say when check-out is.)
pub fn gives_a_time(folded: &str) -> bool {
    let words: Vec<&str> = super::text::words(folded).collect();
    words.iter().any(|w| DAY_BEFORE_OR_AFTER.contains(w))
        || words.windows(2).any(|pair| {
            pair[0].chars().all(|c| c.is_ascii_digit()) && DELAY_UNITS.contains(&pair[1])
        })
}

/// Public holidays (folded, space-padded on both sides): "le Monoprix est-il ouvert le 1er mai ?" asks about a
/// day only an answer that speaks of holidays covers.
#[rustfmt::skip]
const HOLIDAYS: &[&str] = &[
    " ferie ", " feries ", " jour ferie ", " 1er mai ", " premier mai ", " 14 juillet ", " 15 aout ",
    " noel ", " paques ", " nouvel an ", " toussaint ", " holiday ", " holidays ", " christmas ",
    " easter ", " new year ", " festivo ", " festivos ", " navidad ", " semana santa ",
    " ano nuevo ", " feiertag ", " feiertage ", " feiertagen ", " weihnachten ", " ostern ",
    " silvester ", " festivi ", " natale ", " pasqua ", " ferragosto ", " capodanno ", " feriado ",
    " feriados ", " natal ", " pascoa ", " ano novo ",
];

/// Whether a (folded) text names a public holiday.
pub fn names_a_holiday(folded: &str) -> bool {
    let padded = format!(" {folded} ");
    HOLIDAYS.iter().any(|h| padded.contains(h))
}

/// Whether a (folded) text names a weekday, a month or, in an answer, an opening calendar.
pub fn names_a_day(folded: &str) -> bool {
    super::text::words(folded).any(|w| {
        // Short forms ("mai" is also Italian's "never") are left out.
        (DAYS_AND_MONTHS.contains(&w) && w.len() > 3) || CALENDAR_WORDS.contains(&w)
    })
}

/// Adverbs by their ending: "-mente" in Spanish, Italian and Portuguese, "-ly" in English (not
/// "family", "Italy"…), long enough not to be a noun.
fn is_adverb(word: &str) -> bool {
    const NOUNS_IN_LY: &[&str] = &["family", "italy", "supply", "assembly", "anomaly", "rally"];
    (word.len() >= 8 && word.ends_with("mente"))
        || (word.len() >= 6 && word.ends_with("ly") && !NOUNS_IN_LY.contains(&word))
}

/// "Without" in the six languages (folded): what follows is what the guests will do without.
pub const WITHOUT: &[&str] = &["without", "sans", "sin", "ohne", "senza", "sem"];

/// Whether a concept is a way to travel: "sans voiture", "without a taxi" say how the guests
/// will not come, which no entry is about.
pub fn is_a_way_to_travel(concept: Concept) -> bool {
    matches!(
        concept,
        Concept::Parking | Concept::Taxi | Concept::Transport
    )
}

/// Whether a folded word says only when, or how the question is put. A word the lexicon gives a
/// concept keeps it ("más tarde" is late, "early" is early).
pub fn carries_no_topic(word: &str) -> bool {
    is_adverb(word) || listed(word)
}

fn listed(word: &str) -> bool {
    DAYS_AND_MONTHS.contains(&word)
        || TIME_WORDS.contains(&word)
        || PLACE_WORDS.contains(&word)
        || MODALS.contains(&word)
        || GENERIC_VERBS.contains(&word)
        || NUMBER_WORDS.contains(&word)
        || MEASURE_WORDS.contains(&word)
        || CHAT_FUNCTION_WORDS.contains(&word)
        || FILLERS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_months_and_modals_carry_no_topic() {
        for word in [
            "samedi",
            "sunday",
            "mayo",
            "oktober",
            "mitte",
            "domani",
            "amanha",
            "pourrons",
            "bisogna",
            "gia",
            "durfen",
            "villa",
            "depa",
            "recoit",
            "mandam",
            "portarceli",
        ] {
            assert!(carries_no_topic(word), "{word}");
        }
        for word in [
            "piscine", "parking", "wifi", "cancelar", "wechseln", "chiavi",
        ] {
            assert!(!carries_no_topic(word), "{word}");
        }
    }

    #[test]
    fn asking_knowing_issuing_buying_and_fillers_carry_no_topic() {
        for word in [
            "supposed",
            "qualche",
            "exterieure",
            "outdoor",
            "vieux",
            "bouchons",
            "stau",
            "sait",
            "jemand",
            "cant",
            "acabamos",
            "stiamo",
            "levantar",
            "meanwhile",
            "grados",
            "gunstig",
            "komplett",
            "irgendwo",
            "brauchen",
            "conocen",
            "kennt",
            "emiten",
            "issued",
            "acender",
            "forgot",
            "vergessen",
            "empfehlen",
            "consigliate",
            "acheter",
            "kaufen",
            "comprare",
            "peques",
            "paar",
            "lequel",
            "tipps",
            "azienda",
            "estadia",
            "compris",
            "evtl",
            "strada",
            "pagar",
            "bezahlen",
            "regarder",
            "schauen",
            "suba",
            "nevica",
            "fresco",
            "downstairs",
            "wohnzimmer",
            "flug",
            "aparte",
            "reglas",
        ] {
            assert!(carries_no_topic(word), "{word}");
        }
        // The place, named after a verb of leaving, is the check-out (`lexicon`).
        for word in ["casa", "wohnung", "appart", "baita"] {
            assert!(is_the_place(word), "{word}");
        }
        assert!(!is_the_place("maletas"));
        // A Portuguese weekday no longer spells "feira" (glued in `text::fold`).
        assert!(!carries_no_topic("feira"));
    }
}
