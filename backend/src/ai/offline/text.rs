//! Turning a guest's text into comparable words: case and accents folded, the multi-word names of
//! things glued into one word ("mot de passe", "hot water"), punctuation dropped.

use unicode_normalization::UnicodeNormalization;

/// Phrases that name one thing, glued so the lexicon sees one word. Folded spelling, longest
/// first where one contains another.
const GLUED: &[(&str, &str)] = &[
    // Things of a stay named in several words (session 7), before the shorter phrases they
    // hold ("máquina de lavar louça" before "máquina de lavar", "self check-in" before
    // "check-in").
    // A mountain stay (session 8): the pass for the lifts, the slopes, snow chains and
    // winter tyres, named in several words in every language ("lift pass" is no elevator,
    // "cadenas de nieve" no padlock, "pistes cyclables" no ski slope).
    ("forfaits de ski", "forfaitski"),
    ("forfait de ski", "forfaitski"),
    ("forfaits ski", "forfaitski"),
    ("forfait ski", "forfaitski"),
    ("lift passes", "liftpass"),
    ("lift pass", "liftpass"),
    ("lift tickets", "liftpass"),
    ("lift ticket", "liftpass"),
    ("ski passes", "skipass"),
    ("ski pass", "skipass"),
    ("ski-pass", "skipass"),
    ("pases de esqui", "skipass"),
    ("pase de esqui", "skipass"),
    ("passes de esqui", "skipass"),
    ("passe de esqui", "skipass"),
    ("passes de ski", "skipass"),
    ("passe de ski", "skipass"),
    ("remontees mecaniques", "remontees"),
    ("ski lifts", "skilifts"),
    ("ski lift", "skilifts"),
    ("chair lifts", "skilifts"),
    ("chair lift", "skilifts"),
    ("chairlift", "skilifts"),
    ("stations de ski", "domaineskiable"),
    ("station de ski", "domaineskiable"),
    ("domaine skiable", "domaineskiable"),
    ("ski resort", "domaineskiable"),
    ("ski area", "domaineskiable"),
    ("estacion de esqui", "domaineskiable"),
    ("estancia de esqui", "domaineskiable"),
    ("pistes cyclables", "velos"),
    ("piste cyclable", "velo"),
    ("pista ciclabile", "bici"),
    ("pista de tenis", "tenis"),
    ("pista da tennis", "tennis"),
    ("chaussures de ski", "skis"),
    ("ski boots", "skis"),
    ("botas de esqui", "esquis"),
    ("scarponi da sci", "sci"),
    ("botas de ski", "esquis"),
    ("sala dos esquis", "skiroom"),
    ("sala de esqui", "skiroom"),
    ("sala de esquis", "skiroom"),
    ("cuarto de esquis", "skiroom"),
    ("deposito sci", "skiroom"),
    ("deposito degli sci", "skiroom"),
    ("chaines a neige", "chainesneige"),
    ("chaines neige", "chainesneige"),
    ("snow chains", "chainesneige"),
    ("snow chain", "chainesneige"),
    ("cadenas de nieve", "chainesneige"),
    ("cadenas para la nieve", "chainesneige"),
    ("cadenas para nieve", "chainesneige"),
    ("catene da neve", "chainesneige"),
    ("catene per la neve", "chainesneige"),
    ("correntes de neve", "chainesneige"),
    ("correntes para neve", "chainesneige"),
    ("pneus neige", "pneusneige"),
    ("pneus hiver", "pneusneige"),
    ("winter tyres", "pneusneige"),
    ("winter tires", "pneusneige"),
    ("snow tyres", "pneusneige"),
    ("snow tires", "pneusneige"),
    ("neumaticos de invierno", "pneusneige"),
    ("ruedas de invierno", "pneusneige"),
    ("gomme invernali", "pneusneige"),
    ("gomme da neve", "pneusneige"),
    ("pneumatici invernali", "pneusneige"),
    ("pneus de inverno", "pneusneige"),
    ("pneus de neve", "pneusneige"),
    // A market and what it sells: "un marché" (not "ça marche"), fresh produce.
    ("le marche", "le mercadillo"),
    ("un marche", "un mercadillo"),
    ("du marche", "du mercadillo"),
    ("au marche", "au mercadillo"),
    ("marche couvert", "mercadillo"),
    ("produits frais", "mercadillo"),
    ("fruits et legumes", "mercadillo"),
    ("fresh produce", "mercadillo"),
    ("farmers market", "mercadillo"),
    ("farmer's market", "mercadillo"),
    ("productos frescos", "mercadillo"),
    ("frutas y verduras", "mercadillo"),
    ("prodotti freschi", "mercadillo"),
    ("frutta e verdura", "mercadillo"),
    ("produtos frescos", "mercadillo"),
    ("frutas e legumes", "mercadillo"),
    ("mercado de rua", "mercadillo"),
    ("frische produkte", "mercadillo"),
    // Doing the shopping is the shops ("buy" alone names what is bought).
    ("hacer la compra", "compras"),
    ("hacer las compras", "compras"),
    ("hacer compras", "compras"),
    ("la compra", "compras"),
    ("fazer compras", "compras"),
    ("fazer as compras", "compras"),
    ("do the shopping", "shopping"),
    ("buy groceries", "groceries"),
    // A stay's words in two (session 8): a company ("ma boîte"), fresh food stocked up,
    // separately, downstairs, paying on the spot, without a car (public transport).
    ("ma boite", "entreprise"),
    ("notre boite", "entreprise"),
    ("stock up", "groceries"),
    ("a parte", "aparte"),
    ("a part", "aparte"),
    ("en bas", "enbas"),
    ("em baixo", "embaixo"),
    ("a regler", "payer"),
    ("un super cerca", "supermercado cerca"),
    ("algun super", "supermercado"),
    ("without a car", "transport"),
    ("without car", "transport"),
    ("sans voiture", "transport"),
    ("sin coche", "transport"),
    ("sin carro", "transport"),
    ("sin auto", "transport"),
    ("ohne auto", "transport"),
    ("senza macchina", "transport"),
    ("senza auto", "transport"),
    ("sem carro", "transport"),
    ("ohne taxi", "transport"),
    ("sin taxi", "transport"),
    ("without a taxi", "transport"),
    ("sans taxi", "transport"),
    ("senza taxi", "transport"),
    ("sem taxi", "transport"),
    // Rooms in several words, bin bags, next to, settling in, a French router, the basics.
    ("camera da letto", "camera"),
    ("camere da letto", "camere"),
    ("chambre a coucher", "chambre"),
    ("sacs poubelle", "poubelles"),
    ("sac poubelle", "poubelle"),
    ("sacs poubelles", "poubelles"),
    ("bin bags", "bins"),
    ("bin bag", "bins"),
    ("bolsas de basura", "basura"),
    ("bolsa de basura", "basura"),
    ("sacchi della spazzatura", "spazzatura"),
    ("sacos do lixo", "lixo"),
    ("sacos de lixo", "lixo"),
    ("a cote", "pres"),
    ("podemos instalar", "podemos llegar"),
    ("nos instalamos", "llegamos"),
    ("la box", "la wifi"),
    ("lo basico", "comestibles"),
    ("un super o", "un supermercado o"),
    ("un super y", "un supermercado y"),
    // A farmhouse's, a beach flat's and a chalet's things in several words (session 8): a wood
    // stove (a "poêle" alone is also a pan), a septic tank, a wine cellar, a vegetable garden,
    // ski lessons, snowshoes (not tennis rackets), snorkelling gear.
    ("poele a bois", "woodburner"),
    ("poeles a bois", "woodburner"),
    ("wood stove", "woodburner"),
    ("wood burner", "woodburner"),
    ("log burner", "woodburner"),
    ("wood-burning stove", "woodburner"),
    ("estufa de lena", "woodburner"),
    ("estufa de madera", "woodburner"),
    ("stufa a legna", "woodburner"),
    ("fogao a lenha", "woodburner"),
    ("fosse septique", "fosseseptique"),
    ("fosses septiques", "fosseseptique"),
    ("septic tank", "septictank"),
    ("fosa septica", "fosaseptica"),
    ("fossa settica", "fossasettica"),
    ("fossa septica", "fossaseptica"),
    ("cave a vin", "caveavin"),
    ("caves a vin", "caveavin"),
    ("wine cellar", "winecellar"),
    ("wine cellars", "winecellar"),
    ("produits de la ferme", "farmproduce"),
    ("farm produce", "farmproduce"),
    ("jardin potager", "potager"),
    ("vegetable garden", "vegetablegarden"),
    ("vegetable patch", "vegetablegarden"),
    ("kitchen garden", "vegetablegarden"),
    ("ecole de ski", "ecoledeski"),
    ("cours de ski", "coursdeski"),
    ("ski school", "skischool"),
    ("ski lessons", "skilessons"),
    ("ski lesson", "skilessons"),
    ("ski instructor", "skilessons"),
    ("escuela de esqui", "escueladeesqui"),
    ("clases de esqui", "escueladeesqui"),
    ("scuola di sci", "scuolasci"),
    ("scuola sci", "scuolasci"),
    ("lezioni di sci", "scuolasci"),
    ("maestro di sci", "maestrodisci"),
    ("escola de ski", "escoladeski"),
    ("escola de esqui", "escoladeski"),
    ("aulas de esqui", "escoladeski"),
    ("aulas de ski", "escoladeski"),
    ("raquettes de tennis", "tennis"),
    ("raquettes a neige", "raquettes"),
    ("raquetas de nieve", "raquetasdenieve"),
    ("raquetes de neve", "raquetesdeneve"),
    ("stand up paddle", "standuppaddle"),
    ("stand-up paddle", "standuppaddle"),
    ("paddle board", "paddleboard"),
    ("masque et tuba", "masquetuba"),
    ("prancha de paddle", "pranchadepaddle"),
    // A pool table is billiards, beach chairs are sunbeds, working from home a workspace.
    ("pool table", "billard"),
    ("table de ping-pong", "pingpong"),
    ("ping-pong", "pingpong"),
    ("ping pong", "pingpong"),
    ("table tennis", "pingpong"),
    ("tenis de mesa", "pingpong"),
    ("tennis da tavolo", "pingpong"),
    ("chaises de plage", "transat"),
    ("beach chairs", "transat"),
    ("beach chair", "transat"),
    ("sillas de playa", "transat"),
    ("sedie da spiaggia", "transat"),
    ("cadeiras de praia", "transat"),
    ("home office", "homeoffice"),
    // "At the latest" bounds a time, it asks no lateness ("le check-out est à 11h au plus
    // tard" is no late check-out).
    ("au plus tard", "maximum"),
    ("at the latest", "maximum"),
    ("a mas tardar", "maximum"),
    ("al piu tardi", "maximum"),
    ("o mais tardar", "maximum"),
    // The afternoon is a part of the day, not lateness ("nuestro vuelo es por la tarde").
    ("por la tarde", "afternoon"),
    ("de la tarde", "afternoon"),
    ("en la tarde", "afternoon"),
    ("a la tarde", "afternoon"),
    ("pela tarde", "afternoon"),
    ("da tarde", "afternoon"),
    ("de tarde", "afternoon"),
    ("a tarde", "afternoon"),
    // A gas bottle, an awning, a socket.
    ("bouteilles de gaz", "bouteilledegaz"),
    ("bouteille de gaz", "bouteilledegaz"),
    ("gas bottles", "gasbottle"),
    ("gas bottle", "gasbottle"),
    ("gas cylinder", "gasbottle"),
    ("tenda da sole", "toldo"),
    ("store banne", "toldo"),
    ("awnings", "toldo"),
    ("awning", "toldo"),
    ("prises electriques", "priseelectrique"),
    ("prise electrique", "priseelectrique"),
    ("prise de courant", "priseelectrique"),
    ("power outlet", "outlet"),
    ("presa di corrente", "presaelettrica"),
    ("presa elettrica", "presaelettrica"),
    ("tomada eletrica", "tomadaeletrica"),
    ("tomadas eletricas", "tomadaeletrica"),
    // "… or something" ends a question, it opens no other one.
    ("or something like that", "etc"),
    ("or something", "etc"),
    ("or anything", "etc"),
    ("ou quelque chose comme ca", "etc"),
    ("ou quelque chose", "etc"),
    ("ou un truc comme ca", "etc"),
    ("o algo asi", "etc"),
    ("o algo", "etc"),
    ("oder so was", "etc"),
    ("oder so", "etc"),
    ("o qualcosa del genere", "etc"),
    ("o qualcosa", "etc"),
    ("ou algo assim", "etc"),
    ("ou alguma coisa", "etc"),
    ("ou algo", "etc"),
    ("tire-bouchon", "tirebouchon"),
    ("tire bouchon", "tirebouchon"),
    ("saca-rolhas", "sacarolhas"),
    // Packing is no luggage question ("avant de faire les valises").
    ("faire les valises", "packing"),
    ("faire nos valises", "packing"),
    ("faire ses valises", "packing"),
    ("hacer las maletas", "packing"),
    ("hacer la maleta", "packing"),
    ("koffer packen", "packing"),
    ("fare le valigie", "packing"),
    ("fazer as malas", "packing"),
    ("pack our bags", "packing"),
    // "Two things:", "deux petites questions :" announce questions, count nothing (and,
    // unlike "question", ask nothing themselves: "a couple of things before we arrive" is context).
    ("deux petites questions", "afewthings"),
    ("deux questions", "afewthings"),
    ("deux choses", "afewthings"),
    ("two quick questions", "afewthings"),
    ("two quick ones", "afewthings"),
    ("two questions", "afewthings"),
    ("two things", "afewthings"),
    ("a couple of things", "afewthings"),
    ("a couple of questions", "afewthings"),
    ("quick question", "afewthings"),
    ("dos cosas", "afewthings"),
    ("dos preguntas", "afewthings"),
    ("zwei fragen", "afewthings"),
    ("zwei dinge", "afewthings"),
    ("due cose", "afewthings"),
    ("due domande", "afewthings"),
    ("duas coisas", "afewthings"),
    ("duas perguntas", "afewthings"),
    // Space to park, towels for the beach, the password in Portugal, a lockbox, bread,
    // money back, without a fee.
    ("room to park", "space to park"),
    ("toallas para la playa", "beachtowels"),
    ("towels for the beach", "beachtowels"),
    ("serviettes pour la plage", "beachtowels"),
    ("teli per la spiaggia", "beachtowels"),
    ("toalhas para a praia", "beachtowels"),
    ("palavra-passe", "password"),
    ("palavra passe", "password"),
    ("secador d cabelo", "sechecheveux"),
    ("secador do cabelo", "sechecheveux"),
    ("caixinha das chaves", "keybox"),
    ("caixa das chaves", "keybox"),
    ("caixa de chaves", "keybox"),
    ("caja de llaves", "keybox"),
    ("cajita de llaves", "keybox"),
    ("du pain", "baguette"),
    ("le pain", "baguette"),
    ("de pain", "baguette"),
    ("dinheiro de volta", "reembolso"),
    ("money back", "refund"),
    ("dinero de vuelta", "reembolso"),
    ("geld zuruck", "ruckerstattung"),
    ("soldi indietro", "rimborso"),
    ("sans frais", "gratuit"),
    ("sin gastos", "gratis"),
    ("sem custos", "gratis"),
    ("senza costi", "gratis"),
    ("ohne kosten", "kostenlos"),
    ("free of charge", "free"),
    ("a vontade", "vontade"),
    ("a volonte", "volonte"),
    // The Portuguese weekdays hold "feira" (a market): "na sexta-feira" is Friday.
    ("segunda-feira", "segunda"),
    ("segunda feira", "segunda"),
    ("terca-feira", "terca"),
    ("terca feira", "terca"),
    ("quarta-feira", "quarta"),
    ("quarta feira", "quarta"),
    ("quinta-feira", "quinta"),
    ("quinta feira", "quinta"),
    ("sexta-feira", "sexta"),
    ("sexta feira", "sexta"),
    // Where a bus or metro stops.
    ("bus stops", "busstop"),
    ("bus stop", "busstop"),
    ("tram stop", "busstop"),
    ("metro stop", "busstop"),
    ("subway stop", "busstop"),
    ("tube station", "station"),
    // Firewood: "du bois" for the fireplace (not "je bois", nor "en bois").
    ("bois de chauffage", "firewood"),
    ("du bois", "firewood"),
    ("le bois", "firewood"),
    // Italian chat: "la pass del wifi" is its password.
    ("pass del wifi", "password wifi"),
    ("pass della wifi", "password wifi"),
    ("pass wifi", "password wifi"),
    ("pass dell'wifi", "password wifi"),
    // Somewhere ("da qualche parte", "algún sitio"): no topic.
    ("da qualche parte", "quelquepart"),
    ("qualche parte", "quelquepart"),
    ("algun sitio", "quelquepart"),
    ("algun lugar", "quelquepart"),
    ("algum lugar", "quelquepart"),
    ("sur place", "ici"),
    // Going into the place ("ab wann können wir ins Chalet?") is arriving.
    ("ins haus", "rein"),
    ("ins chalet", "rein"),
    ("ins ferienhaus", "rein"),
    ("ins apartment", "rein"),
    ("ins appartement", "rein"),
    ("in die unterkunft", "rein"),
    ("in die ferienwohnung", "rein"),
    ("in die hutte", "rein"),
    ("in die villa", "rein"),
    ("maquina de lavar louca", "lavevaisselle"),
    ("maquina de lavar loica", "lavevaisselle"),
    ("maquina de lavar pratos", "lavevaisselle"),
    ("lava-loucas", "lavevaisselle"),
    ("lava loucas", "lavevaisselle"),
    ("lava-louca", "lavevaisselle"),
    ("lava louca", "lavevaisselle"),
    ("maquina de secar roupa", "sechelinge"),
    ("maquina de secar", "sechelinge"),
    ("secador de roupa", "sechelinge"),
    ("seche-linge", "sechelinge"),
    ("seche linge", "sechelinge"),
    ("tumble dryer", "sechelinge"),
    ("tumble-dryer", "sechelinge"),
    ("clothes dryer", "sechelinge"),
    ("seche-cheveux", "sechecheveux"),
    ("seche cheveux", "sechecheveux"),
    ("hair dryer", "sechecheveux"),
    ("hair-dryer", "sechecheveux"),
    ("hair drier", "sechecheveux"),
    ("secador de pelo", "sechecheveux"),
    ("secador de cabelo", "sechecheveux"),
    // Hair straighteners are not irons.
    ("fer a lisser", "lisseur"),
    ("fer a friser", "lisseur"),
    ("ferro de alisar", "alisador"),
    ("plancha de pelo", "alisador"),
    ("plancha para el pelo", "alisador"),
    ("piastra per capelli", "piastra"),
    ("fer a repasser", "ferarepasser"),
    ("planche a repasser", "ferarepasser"),
    ("ironing board", "iron"),
    ("ferro da stiro", "ferrodastiro"),
    ("asse da stiro", "ferrodastiro"),
    ("ferro de passar", "ferrodepassar"),
    ("tabua de passar", "ferrodepassar"),
    ("tabla de planchar", "plancha"),
    ("forno a microonde", "microondes"),
    ("forno microonde", "microondes"),
    ("forno a micro-onde", "microondes"),
    ("horno de microondas", "microondes"),
    ("horno microondas", "microondes"),
    ("forno de micro-ondas", "microondes"),
    ("micro-ondes", "microondes"),
    ("micro ondes", "microondes"),
    ("micro-ondas", "microondes"),
    ("micro ondas", "microondes"),
    ("micro-onde", "microondes"),
    ("grille-pains", "grillepain"),
    ("grille-pain", "grillepain"),
    ("grille pain", "grillepain"),
    ("jarra electrica", "jarraelectrica"),
    // Towels for the pool are the beach towels, not the bath towels.
    ("serviettes de piscine", "beachtowels"),
    ("serviettes pour la piscine", "beachtowels"),
    ("pool towels", "beachtowels"),
    ("pool towel", "beachtowels"),
    ("toallas de piscina", "beachtowels"),
    ("toallas para la piscina", "beachtowels"),
    ("teli piscina", "beachtowels"),
    ("teli per la piscina", "beachtowels"),
    ("toalhas de piscina", "beachtowels"),
    ("toalhas para a piscina", "beachtowels"),
    ("serviettes de plage", "beachtowels"),
    ("serviette de plage", "beachtowels"),
    ("draps de plage", "beachtowels"),
    ("drap de plage", "beachtowels"),
    ("beach towels", "beachtowels"),
    ("beach towel", "beachtowels"),
    ("toallas de playa", "beachtowels"),
    ("toalla de playa", "beachtowels"),
    ("teli mare", "beachtowels"),
    ("telo mare", "beachtowels"),
    ("teli da mare", "beachtowels"),
    ("teli da spiaggia", "beachtowels"),
    ("asciugamani da spiaggia", "beachtowels"),
    ("asciugamani da mare", "beachtowels"),
    ("toalhas de praia", "beachtowels"),
    ("toalha de praia", "beachtowels"),
    ("beach umbrellas", "parasol"),
    ("beach umbrella", "parasol"),
    ("guarda-sois", "parasol"),
    ("guarda-sol", "parasol"),
    ("guarda sol", "parasol"),
    ("chaises longues", "transat"),
    ("chaise longue", "transat"),
    ("sun loungers", "lounger"),
    ("sun lounger", "lounger"),
    ("bornes de recharge", "electriccar"),
    ("borne de recharge", "electriccar"),
    ("voitures electriques", "electriccar"),
    ("voiture electrique", "electriccar"),
    ("vehicule electrique", "electriccar"),
    ("electric cars", "electriccar"),
    ("electric car", "electriccar"),
    ("electric vehicle", "electriccar"),
    ("coche electrico", "electriccar"),
    ("auto electrico", "electriccar"),
    ("vehiculo electrico", "electriccar"),
    ("e-auto", "electriccar"),
    ("auto elettrica", "electriccar"),
    ("macchina elettrica", "electriccar"),
    ("carro eletrico", "electriccar"),
    ("carro electrico", "electriccar"),
    ("veiculo eletrico", "electriccar"),
    ("depot de garantie", "depotgarantie"),
    ("security deposit", "deposit"),
    ("taxes de sejour", "taxesejour"),
    ("taxe de sejour", "taxesejour"),
    ("tourist tax", "touristtax"),
    ("city tax", "citytax"),
    ("tasa turistica", "tasaturistica"),
    ("impuesto turistico", "tasaturistica"),
    ("tassa di soggiorno", "tassasoggiorno"),
    ("imposta di soggiorno", "tassasoggiorno"),
    ("taxa turistica", "taxaturistica"),
    ("fauteuil roulant", "fauteuilroulant"),
    ("mobilite reduite", "pmr"),
    ("silla de ruedas", "silladeruedas"),
    ("sedia a rotelle", "sediaarotelle"),
    ("cadeira de rodas", "cadeiraderodas"),
    ("centre-ville", "centreville"),
    ("centre ville", "centreville"),
    ("city centre", "citycentre"),
    ("city center", "citycentre"),
    ("town centre", "citycentre"),
    ("town center", "citycentre"),
    ("old town", "oldtown"),
    ("vieille ville", "vieilleville"),
    ("self check-in", "selfcheckin"),
    ("self-check-in", "selfcheckin"),
    ("self checkin", "selfcheckin"),
    ("self-checkin", "selfcheckin"),
    ("lits d'appoint", "litappoint"),
    ("lit d'appoint", "litappoint"),
    ("extra beds", "extrabed"),
    ("extra bed", "extrabed"),
    ("spare bed", "extrabed"),
    ("cama extra", "extrabed"),
    ("cama supletoria", "camasupletoria"),
    ("cama adicional", "extrabed"),
    ("letto aggiuntivo", "lettoaggiuntivo"),
    ("letto in piu", "lettoaggiuntivo"),
    ("letto extra", "lettoaggiuntivo"),
    ("canape-lit", "canapelit"),
    ("canape lit", "canapelit"),
    ("sofa bed", "sofabed"),
    ("sofa-bed", "sofabed"),
    ("sofa cama", "sofacama"),
    ("sofa-cama", "sofacama"),
    ("divano letto", "divanoletto"),
    ("papier toilette", "toiletpaper"),
    ("papier wc", "toiletpaper"),
    ("papier hygienique", "toiletpaper"),
    ("toilet paper", "toiletpaper"),
    ("toilet rolls", "toiletpaper"),
    ("toilet roll", "toiletpaper"),
    ("loo roll", "toiletpaper"),
    ("papel higienico", "papelhigienico"),
    ("carta igienica", "cartaigienica"),
    ("gel douche", "duschgel"),
    ("gel de ducha", "duschgel"),
    ("gel de banho", "duschgel"),
    ("shower gel", "duschgel"),
    // A first-aid kit is a thing to find, not an emergency ("secours", "Hilfe").
    ("trousse de premiers secours", "firstaid"),
    ("trousse de secours", "firstaid"),
    ("trousse a pharmacie", "firstaid"),
    ("first aid kit", "firstaid"),
    ("first-aid kit", "firstaid"),
    ("botiquin de primeros auxilios", "botiquin"),
    ("erste-hilfe-kasten", "verbandskasten"),
    ("erste hilfe kasten", "verbandskasten"),
    ("kit di pronto soccorso", "firstaid"),
    ("cassetta di pronto soccorso", "firstaid"),
    ("cassetta del pronto soccorso", "firstaid"),
    ("kit de primeiros socorros", "firstaid"),
    ("caixa de primeiros socorros", "firstaid"),
    ("coffre-fort", "coffrefort"),
    ("coffre fort", "coffrefort"),
    ("caja fuerte", "cajafuerte"),
    ("safety deposit box", "safebox"),
    ("in-room safe", "safebox"),
    ("safe box", "safebox"),
    ("jeux de societe", "boardgames"),
    ("board games", "boardgames"),
    ("board game", "boardgames"),
    ("juegos de mesa", "boardgames"),
    ("giochi da tavolo", "boardgames"),
    ("giochi di societa", "boardgames"),
    ("jogos de tabuleiro", "boardgames"),
    ("aire de jeux", "airejeux"),
    ("aire de jeu", "airejeux"),
    ("parque infantil", "parqueinfantil"),
    ("parco giochi", "parcogiochi"),
    ("play area", "playground"),
    ("hot tubs", "hottub"),
    ("hot tub", "hottub"),
    ("hot-tub", "hottub"),
    ("bain nordique", "bainnordique"),
    ("bain a remous", "bainremous"),
    ("vasca idromassaggio", "idromassaggio"),
    ("salle de sport", "sallesport"),
    ("salle de fitness", "sallesport"),
    ("bano turco", "banoturco"),
    ("bagno turco", "bagnoturco"),
    ("steam room", "steamroom"),
    ("local a skis", "skiroom"),
    ("local a ski", "skiroom"),
    ("local ski", "skiroom"),
    ("ski room", "skiroom"),
    ("ski locker", "skiroom"),
    ("ski storage", "skiroom"),
    ("cabinet medical", "cabinetmedical"),
    ("dans le coin", "pres"),
    // "The sea" is the beach's ("sea" alone is also Spanish for "be").
    ("the sea", "mer"),
    ("sea view", "mer"),
    ("eau potable", "eaupotable"),
    ("drinking water", "drinkingwater"),
    ("tap water", "tapwater"),
    ("agua potable", "aguapotable"),
    ("acqua potabile", "acquapotabile"),
    ("agua potavel", "aguapotavel"),
    ("boites aux lettres", "boitelettres"),
    ("mail box", "mailbox"),
    ("cassetta della posta", "cassettaposta"),
    ("cassetta postale", "cassettaposta"),
    ("caixa de correio", "caixacorreio"),
    ("caixa do correio", "caixacorreio"),
    ("things to do", "thingstodo"),
    ("que faire", "thingstodo"),
    ("que hacer", "thingstodo"),
    ("que visiter", "thingstodo"),
    ("drying rack", "dryingrack"),
    ("clothes horse", "dryingrack"),
    ("clothes line", "clothesline"),
    ("carte bancaire", "cartebancaire"),
    ("carte bleue", "cartebancaire"),
    ("credit card", "creditcard"),
    ("debit card", "creditcard"),
    ("tarjeta de credito", "creditcard"),
    ("carta di credito", "creditcard"),
    ("cartao de credito", "creditcard"),
    ("bank transfer", "banktransfer"),
    ("carrinho de bebe", "carrinho"),
    // "La gare" is the station; "on se gare" is parking.
    ("la gare", "la station"),
    ("une gare", "une station"),
    ("gare sncf", "station"),
    ("gare routiere", "station"),
    // "El súper" is the supermarket, "super" alone an acknowledgement.
    ("el super", "supermercado"),
    ("al super", "supermercado"),
    ("del super", "supermercado"),
    ("o super", "supermercado"),
    ("ao super", "supermercado"),
    // Leaving the car is parking it, not leaving.
    ("leave the car", "park"),
    ("leave our car", "park"),
    ("leave my car", "park"),
    ("laisser la voiture", "garer"),
    ("dejar el coche", "aparcar"),
    ("dejar el carro", "aparcar"),
    ("lasciare la macchina", "parcheggiare"),
    ("lasciare l'auto", "parcheggiare"),
    ("deixar o carro", "estacionar"),
    // "Looking for" asks; "looking forward to" does not.
    ("looking for", "lookingfor"),
    ("wlan pw", "wifi"),
    ("wlan-pw", "wifi"),
    ("wifi pwd", "wifi"),
    // "Nice to meet you": a greeting.
    ("piacere di conoscervi", "howareyou"),
    ("piacere di conoscerla", "howareyou"),
    ("piacere di conoscerti", "howareyou"),
    ("nice to meet you", "howareyou"),
    ("pleased to meet you", "howareyou"),
    ("ravi de faire votre connaissance", "howareyou"),
    ("enchante de faire votre connaissance", "howareyou"),
    ("encantado de conocerte", "howareyou"),
    ("encantada de conocerte", "howareyou"),
    ("encantados de conoceros", "howareyou"),
    ("mucho gusto", "howareyou"),
    ("freut mich", "howareyou"),
    ("prazer em conhece-los", "howareyou"),
    ("prazer em conhece-la", "howareyou"),
    ("prazer em conhece-lo", "howareyou"),
    ("prazer em conhecer", "howareyou"),
    // "We have arrived" is news, not a question about arrival times.
    ("suis bien arrive", "bienarrive"),
    ("suis bien arrivee", "bienarrive"),
    ("sommes bien arrives", "bienarrive"),
    ("sommes bien arrivees", "bienarrive"),
    ("suis arrive", "bienarrive"),
    ("suis arrivee", "bienarrive"),
    ("sommes arrives", "bienarrive"),
    ("sommes arrivees", "bienarrive"),
    ("just arrived", "bienarrive"),
    ("we arrived", "bienarrive"),
    ("have arrived", "bienarrive"),
    ("we've arrived", "bienarrive"),
    ("hemos llegado", "bienarrive"),
    ("acabamos de llegar", "bienarrive"),
    ("ya llegamos", "bienarrive"),
    ("sind angekommen", "bienarrive"),
    ("gut angekommen", "bienarrive"),
    ("bin angekommen", "bienarrive"),
    ("siamo arrivati", "bienarrive"),
    ("sono arrivato", "bienarrive"),
    ("sono arrivata", "bienarrive"),
    ("ja chegamos", "bienarrive"),
    ("chegamos bem", "bienarrive"),
    // Home again after the stay: news, not a question about arriving.
    ("zu hause angekommen", "bienarrive"),
    ("zuhause angekommen", "bienarrive"),
    ("home safely", "bienarrive"),
    ("home safe", "bienarrive"),
    ("bien rentres", "bienarrive"),
    ("bien rentre", "bienarrive"),
    ("llegamos a casa", "bienarrive"),
    ("arrivati a casa", "bienarrive"),
    ("chegamos a casa", "bienarrive"),
    // Going into the flat ("wann dürfen wir in die Wohnung?") is arriving.
    ("in die wohnung", "rein"),
    // "From" ("à partir de 16h"), not "to leave".
    // Fillers glued so their words ("part", "coup") do not read as topics.
    ("quelque part", "quelquepart"),
    ("en attendant", "enattendant"),
    ("du coup", "ducoup"),
    ("par contre", "contre"),
    ("aire libre", "airelibre"),
    ("public transport", "transport"),
    ("public transportation", "transport"),
    ("transports en commun", "transport"),
    ("transporte publico", "transporte"),
    ("mezzi pubblici", "mezzi"),
    ("transportes publicos", "transporte"),
    // "How are you?" asks nothing about the stay: a greeting.
    ("how are you doing", "howareyou"),
    ("how are you", "howareyou"),
    ("how r u", "howareyou"),
    ("hope you're well", "howareyou"),
    ("hope you are well", "howareyou"),
    ("hope all is well", "howareyou"),
    ("hope you're doing well", "howareyou"),
    ("comment allez-vous", "howareyou"),
    ("comment allez vous", "howareyou"),
    ("comment ca va", "howareyou"),
    ("j'espere que vous allez bien", "howareyou"),
    ("que tal", "howareyou"),
    ("como estas", "howareyou"),
    ("como esta usted", "howareyou"),
    ("espero que este bien", "howareyou"),
    ("wie geht's", "howareyou"),
    ("wie gehts", "howareyou"),
    ("wie geht es ihnen", "howareyou"),
    ("wie geht es euch", "howareyou"),
    ("come stai", "howareyou"),
    ("come sta", "howareyou"),
    ("tutto bene", "howareyou"),
    ("tudo bem", "howareyou"),
    ("tudo bom", "howareyou"),
    ("como vai", "howareyou"),
    ("a partir de", "desde"),
    ("a partir das", "desde"),
    ("a partir da", "desde"),
    ("a partir do", "desde"),
    // Getting into the place is arriving: settling in too ("s'installer", "instalarnos").
    ("s'installer", "arriver"),
    ("nous installer", "arriver"),
    ("instalarnos", "llegar"),
    ("instalarse", "llegar"),
    ("sistemarci", "arrivare"),
    ("prendere possesso", "arrivare"),
    ("prendre possession", "arriver"),
    ("sistemarsi", "arrivare"),
    ("nos instalar", "chegar"),
    ("instalarmos", "chegar"),
    ("be out", "leave"),
    ("rendre l'appart", "quitter"),
    ("rendre l'appartement", "quitter"),
    ("rendre le logement", "quitter"),
    // Starting a device ("mettre la clim en route") is switching it on.
    ("en route", "allumer"),
    ("en marche", "allumer"),
    ("get into", "entrer"),
    ("get in", "entrer"),
    ("getting in", "entrer"),
    ("move in", "entrer"),
    ("be out", "checkout"),
    ("leave our suitcases", "luggage"),
    ("leave the suitcases", "luggage"),
    ("leave our cases", "luggage"),
    // A bath towel is a towel.
    ("serviettes de bain", "serviettes"),
    ("serviette de bain", "serviette"),
    ("bath towels", "towels"),
    ("bath towel", "towel"),
    ("toallas de bano", "toallas"),
    ("toalla de bano", "toalla"),
    ("asciugamani da bagno", "asciugamani"),
    ("toalhas de banho", "toalhas"),
    // A place to park is parking; leaving the place is checking out.
    ("parking spot", "parking"),
    ("parking space", "parking"),
    ("parking place", "parking"),
    ("posto auto", "parking"),
    ("plaza de aparcamiento", "parking"),
    ("plaza de garaje", "parking"),
    ("lugar de estacionamento", "parking"),
    ("lasciare la casa", "checkout"),
    ("lasciare casa", "checkout"),
    ("lasciare la camera", "checkout"),
    ("lasciare l'alloggio", "checkout"),
    ("dejar el piso", "checkout"),
    ("dejar el apartamento", "checkout"),
    ("deixar o apartamento", "checkout"),
    ("deixar a casa", "checkout"),
    ("cadeira de bebe", "litbebe"),
    ("cadeira alta", "litbebe"),
    ("silla alta", "litbebe"),
    ("silla de bebe", "litbebe"),
    ("check-in", "checkin"),
    ("check in", "checkin"),
    ("check-out", "checkout"),
    ("check out", "checkout"),
    ("chek-in", "checkin"),
    ("chek in", "checkin"),
    ("chek-out", "checkout"),
    ("chek out", "checkout"),
    ("leave the keys", "keys"),
    ("leave the key", "key"),
    ("leave our luggage", "luggage"),
    ("leave our bags", "bags"),
    ("leave the luggage", "luggage"),
    ("lasciare l'appartamento", "checkout"),
    ("liberare l'appartamento", "checkout"),
    ("l'aria condizionata", "clim"),
    ("prima del", "avant"),
    ("prima della", "avant"),
    ("prima di", "avant"),
    ("coffee machine", "cafetiere"),
    ("coffee maker", "cafetiere"),
    ("macchina del caffe", "cafetiere"),
    ("macchina da caffe", "cafetiere"),
    ("maquina de cafe", "cafetiere"),
    ("wi-fi", "wifi"),
    ("wi fi", "wifi"),
    ("mot de passe", "motdepasse"),
    ("boite a cles", "lockbox"),
    ("boite a cle", "lockbox"),
    ("boite aux lettres", "boitelettres"),
    ("key box", "lockbox"),
    ("key safe", "lockbox"),
    ("eau chaude", "eauchaude"),
    ("chauffe-eau", "eauchaude"),
    ("chauffe eau", "eauchaude"),
    ("hot water", "eauchaude"),
    ("agua caliente", "eauchaude"),
    ("warmes wasser", "eauchaude"),
    ("warmwasser", "eauchaude"),
    ("acqua calda", "eauchaude"),
    ("agua quente", "eauchaude"),
    ("lave-linge", "lavelinge"),
    ("lave linge", "lavelinge"),
    ("machine a laver", "lavelinge"),
    ("machine a lave", "lavelinge"),
    ("washing machine", "lavelinge"),
    ("maquina de lavar roupa", "lavelinge"),
    ("maquina de lavar", "lavelinge"),
    ("lave-vaisselle", "lavevaisselle"),
    ("lave vaisselle", "lavevaisselle"),
    ("air conditioning", "clim"),
    ("air con", "clim"),
    ("aire acondicionado", "clim"),
    ("aria condizionata", "clim"),
    ("ar condicionado", "clim"),
    ("ar-condicionado", "clim"),
    ("linge de maison", "linge"),
    ("ropa de cama", "linge"),
    ("roupa de cama", "linge"),
    ("lit parapluie", "litbebe"),
    ("lit bebe", "litbebe"),
    ("petit dejeuner", "petitdejeuner"),
    ("petit-dejeuner", "petitdejeuner"),
    ("pequeno almoco", "pequenoalmoco"),
    ("cafe da manha", "cafedamanha"),
    ("chaise haute", "litbebe"),
    ("high chair", "litbebe"),
    ("travel cot", "litbebe"),
    ("baby cot", "litbebe"),
    ("cama de bebe", "litbebe"),
    ("cuna", "litbebe"),
    ("faire les courses", "courses"),
    ("animais de estimacao", "animais"),
    ("animaux de compagnie", "animaux"),
    ("animali domestici", "animali"),
    ("animales de compania", "mascotas"),
    ("grocery store", "courses"),
    ("buenos dias", "buenosdias"),
    ("buenas tardes", "buenastardes"),
    ("buenas noches", "buenasnoches"),
    ("boa tarde", "boatarde"),
    ("boa noite", "boanoite"),
    ("bom dia", "bomdia"),
    ("guten tag", "gutentag"),
    ("guten morgen", "gutenmorgen"),
    ("guten abend", "gutenabend"),
    ("good morning", "goodmorning"),
    ("good evening", "goodevening"),
    ("good afternoon", "goodafternoon"),
    ("bonne journee", "bonnejournee"),
    ("bonne soiree", "bonnesoiree"),
    ("plus tot", "plustot"),
    ("plus tard", "plustard"),
    ("plus longtemps", "plustard"),
    ("mas tiempo", "mastarde"),
    ("mais tempo", "maistarde"),
    ("piu a lungo", "tardi"),
    // Doing a wash is the washing machine.
    ("faire une machine", "lavelinge"),
    ("faire tourner une machine", "lavelinge"),
    ("lancer une machine", "lavelinge"),
    ("wifi pass", "wifi"),
    ("wifi pw", "wifi"),
    ("mas temprano", "temprano"),
    ("mas tarde", "mastarde"),
    ("mais cedo", "cedo"),
    ("mais tarde", "maistarde"),
    ("piu tardi", "tardi"),
    ("piu presto", "presto"),
];

/// Lower case, accents stripped (guests type both "arrivée" and "arrivee"), one kind of
/// apostrophe, the glued phrases applied.
pub fn fold(text: &str) -> String {
    let lower: String = text
        .to_lowercase()
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| if c == '’' || c == '`' { '\'' } else { c })
        // "¿a partir de…": the opening mark must not hide the phrase's first word. Ligatures and
        // the German sharp s are spelt out ("œufs" is "oeufs", "Straße" "strasse").
        .flat_map(|c| match c {
            '¿' | '¡' => vec![c, ' '],
            'œ' => vec!['o', 'e'],
            'æ' => vec!['a', 'e'],
            'ß' => vec!['s', 's'],
            _ => vec![c],
        })
        .collect();
    // Space-padded so a phrase only matches whole words.
    let mut padded = format!(
        " {} ",
        lower.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    for (phrase, glued) in GLUED {
        let needle = format!(" {phrase} ");
        let mut from = 0;
        while let Some(at) = padded[from..].find(needle.as_str()) {
            let start = from + at;
            padded.replace_range(start..start + needle.len(), &format!(" {glued} "));
            from = start + glued.len() + 1;
        }
        // Phrases also match after an elision ("d'eau chaude") and before punctuation ("wi-fi?").
        for (head, tail) in [
            ('\'', ' '),
            (' ', '?'),
            (' ', '!'),
            (' ', '.'),
            (' ', ','),
            ('\'', '?'),
            ('\'', '!'),
            ('\'', '.'),
            ('\'', ','),
        ] {
            let needle = format!("{head}{phrase}{tail}");
            if padded.contains(&needle) {
                padded = padded.replace(&needle, &format!("{head}{glued}{tail}"));
            }
        }
    }
    padded.trim().to_owned()
}

/// `fold`, with the Italian "è" and the Portuguese "é" ("is") written as "est": without their
/// accent they would read as the conjunction "e" and cut "la piscina è riscaldata?" in two
/// questions. For splitting a message into its questions only: the urgency and small-talk
/// phrases are written in plain folded text ("si e tagliato").
pub fn fold_for_questions(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut marked = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        // "c'è" stays one word.
        let alone = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_none_or(|c| !c.is_alphanumeric() && !matches!(c, '\'' | '’'))
        };
        if matches!(c, 'è' | 'é' | 'È' | 'É') && alone(i.checked_sub(1)) && alone(Some(i + 1)) {
            marked.push_str("est");
        } else {
            marked.push(c);
        }
    }
    fold(&marked)
}

/// The words of a folded text (letters and digits; elisions like "l'arrivée" split off).
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Whether a folded text holds one of `phrases` (folded, space-padded), read word by word
/// ("pourriez vous") or as typed between spaces ("pourriez-vous", "don't").
pub fn has_phrase_of(folded: &str, phrases: &[&str]) -> bool {
    let by_word = format!(" {} ", words(folded).collect::<Vec<_>>().join(" "));
    let as_typed = format!(
        " {} ",
        folded.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    phrases
        .iter()
        .any(|p| by_word.contains(p) || as_typed.contains(p))
}

/// Whether a folded word is one of `forms` (folded; a trailing `*` stands for any ending).
pub fn is_form(word: &str, form: &str) -> bool {
    match form.strip_suffix('*') {
        Some(prefix) => word.starts_with(prefix),
        None => word == form,
    }
}

/// Whether a folded text holds a word of `forms` (see `is_form`).
pub fn has_word_of(folded: &str, forms: &[&str]) -> bool {
    words(folded).any(|w| forms.iter().any(|f| is_form(w, f)))
}

/// Words naming noon, in the six languages (folded).
const NOON: &[&str] = &[
    "midi",
    "mezzogiorno",
    "mediodia",
    "mittag",
    "mittags",
    "noon",
    "midday",
];
/// Words after a bare number that make it an hour ("16 uhr", "11 heures", "1 pm").
const HOUR_WORDS: &[&str] = &[
    "h", "uhr", "heure", "heures", "hour", "hours", "hora", "horas", "ore", "am", "pm", "oclock",
];
/// Words before a bare number that make it an hour ("a las 13", "alle 16", "vers 13").
const HOUR_LEADS: &[&str] = &[
    "las", "alle", "delle", "dalle", "as", "um", "vers", "verso", "at", "around", "hacia", "sobre",
    "ab", "avant", "before", "vor", "antes", "prima", "apres", "after", "nach", "despues", "dopo",
    "depois", "until", "till", "jusqu", "jusqua", "hasta", "bis", "fino", "ate", "by",
];
/// Words that put the moment just before the hour that follows ("vor 16 Uhr", "avant 16h").
const BEFORE: &[&str] = &["avant", "before", "vor", "antes", "prima"];

/// The hours a (folded) text names, as hours of the day ("13h30" is 13.5, "1pm" 13, "midi" 12;
/// "before 4 pm" is just before 16). A bare number counts only next to a word that makes it an
/// hour, so "un bébé de 8 mois" names none.
pub fn hours(folded: &str) -> Vec<f64> {
    let words: Vec<&str> = words(folded).collect();
    let mut out = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let before = &words[i.saturating_sub(3)..i];
        let next = words.get(i + 1).copied().unwrap_or("");
        let hour = if NOON.contains(word) || (*word == "meio" && next == "dia") {
            Some(12.0)
        } else {
            let digits = word.chars().take_while(char::is_ascii_digit).count();
            let (number, suffix) = word.split_at(digits);
            let suffix_is_hour = match suffix {
                "" => false,
                "h" | "hs" | "am" | "pm" | "uhr" => true,
                s => s
                    .strip_prefix('h')
                    .is_some_and(|m| m.chars().all(|c| c.is_ascii_digit())),
            };
            let bare_hour = suffix.is_empty()
                && (HOUR_WORDS.contains(&next)
                    || before.last().is_some_and(|w| HOUR_LEADS.contains(w)));
            match number.parse::<f64>() {
                Ok(h)
                    if (1..=2).contains(&digits) && h <= 24.0 && (suffix_is_hour || bare_hour) =>
                {
                    let minutes = suffix
                        .strip_prefix('h')
                        .and_then(|m| m.parse::<f64>().ok())
                        .filter(|m| *m < 60.0)
                        .unwrap_or(0.0);
                    let pm = (suffix == "pm" || next == "pm") && h < 12.0;
                    Some(h + minutes / 60.0 + if pm { 12.0 } else { 0.0 })
                }
                _ => None,
            }
        };
        if let Some(hour) = hour {
            let just_before = before.iter().any(|w| BEFORE.contains(w));
            out.push(if just_before { hour - 0.5 } else { hour });
        }
    }
    out
}

/// Whether two words are one typo apart (one letter added, dropped, changed, or two swapped).
pub fn one_typo_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a == b {
        return false;
    }
    match a.len() as isize - b.len() as isize {
        0 => {
            let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
            diff.len() == 1
                || (diff.len() == 2
                    && diff[1] == diff[0] + 1
                    && a[diff[0]] == b[diff[1]]
                    && a[diff[1]] == b[diff[0]])
        }
        1 | -1 => {
            let (long, short) = if a.len() > b.len() {
                (&a, &b)
            } else {
                (&b, &a)
            };
            let cut = (0..short.len())
                .find(|&i| long[i] != short[i])
                .unwrap_or(short.len());
            long[cut + 1..] == short[cut..]
        }
        _ => false,
    }
}

/// Whether `typed` is a misspelling of `known`: same first letter, then one typo apart, or two
/// for long words ("recyclge" is one, "thermosstatt" two: "thermostat").
pub fn misspelling_of(typed: &str, known: &str) -> bool {
    // Guests rarely miss a word's first letter, and "Louvre" is not "ouvre".
    if typed == known || typed.chars().next() != known.chars().next() {
        return false;
    }
    if one_typo_apart(typed, known) {
        return true;
    }
    let long = |w: &str| w.chars().count() >= 8;
    long(typed)
        && long(known)
        && typed.chars().next() == known.chars().next()
        && strsim::osa_distance(typed, known) <= 2
}

#[cfg(test)]
mod tests {

    #[test]
    fn ligatures_and_the_sharp_s_are_spelt_out() {
        assert_eq!(
            fold("Des œufs pour ma sœur ?").trim(),
            "des oeufs pour ma soeur ?"
        );
        assert_eq!(fold("Straße").trim(), "strasse");
        assert_eq!(fold("ex æquo").trim(), "ex aequo");
    }

    use super::*;

    #[test]
    fn folding_strips_case_accents_and_glues_phrases() {
        assert_eq!(
            fold("À quelle heure est le Check-in ?"),
            "a quelle heure est le checkin ?"
        );
        assert_eq!(fold("Le mot de passe du Wi-Fi?"), "le motdepasse du wifi?");
        assert_eq!(fold("No hay agua caliente"), "no hay eauchaude");
        assert_eq!(fold("Pas d'eau chaude !"), "pas d'eauchaude !");
        assert_eq!(
            fold_for_questions("La piscina è riscaldata?"),
            "la piscina est riscaldata?"
        );
        assert_eq!(
            fold_for_questions("A piscina é aquecida? E o wifi?"),
            "a piscina est aquecida? e o wifi?"
        );
        assert_eq!(fold_for_questions("C'è il phon?"), "c'e il phon?");
        assert_eq!(fold("Si è tagliato"), "si e tagliato");
        assert_eq!(
            words("l'arrivée c'est quand").collect::<Vec<_>>(),
            ["l", "arrivée", "c", "est", "quand"]
        );
    }

    #[test]
    fn long_words_survive_two_typos_short_ones_one() {
        assert!(misspelling_of("thermosstatt", "thermostat"));
        assert!(misspelling_of("climatisaton", "climatisation"));
        assert!(misspelling_of("wiffi", "wifi"));
        assert!(!misspelling_of("piscne", "piste"));
        assert!(!misspelling_of("restaurant", "recyclage"));
        assert!(!misspelling_of("wifi", "wifi"));
        assert!(!misspelling_of("louvre", "ouvre"));
    }

    #[test]
    fn hours_are_read_in_the_ways_guests_write_them() {
        assert_eq!(hours(&fold("On arrive vers 13h30")), vec![13.5]);
        assert_eq!(
            hours(&fold("check in at 1 pm instead of 4pm?")),
            vec![13.0, 16.0]
        );
        assert_eq!(
            hours(&fold("Können wir vor 16 Uhr einchecken?")),
            vec![15.5]
        );
        assert_eq!(
            hours(&fold("a las 13 en vez de a las 11")),
            vec![13.0, 11.0]
        );
        assert_eq!(hours(&fold("verso mezzogiorno")), vec![12.0]);
        assert!(hours(&fold("un bébé de 8 mois, 2 valises")).is_empty());
    }

    #[test]
    fn typos_are_one_edit() {
        assert!(one_typo_apart("parkign", "parking"));
        assert!(one_typo_apart("wiffi", "wifi"));
        assert!(one_typo_apart("serviete", "serviette"));
        assert!(one_typo_apart("pisicne", "piscine") || one_typo_apart("piscne", "piscine"));
        assert!(!one_typo_apart("parking", "parking"));
        assert!(one_typo_apart("gare", "garer"));
        assert!(!one_typo_apart("chien", "chat"));
    }
}
