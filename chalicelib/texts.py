"""Every sentence a person reads, in Dutch and English, kept in one place.

SMS texts, API errors and CLI output all come from this catalogue, so a
neighbourhood that speaks English gets English everywhere and a translator
has one file to read. Dutch is the default: wijkalert was born in a Dutch
neighbourhood and most rosters are Dutch-speaking.
"""

from typing import Final, Literal

Language = Literal["nl", "en"]
LANGUAGES: Final[tuple[Language, ...]] = ("nl", "en")
DEFAULT_LANGUAGE: Final[Language] = "nl"

_CATALOGUE: Final[dict[str, dict[Language, str]]] = {
    # The broadcast itself: neighbourhood and sender first, never a number.
    "alert.broadcast": {
        "nl": "[{neighbourhood}] {sender}: {body}",
        "en": "[{neighbourhood}] {sender}: {body}",
    },
    # Phone numbers.
    "phone.empty": {
        "nl": "Vul een telefoonnummer in.",
        "en": "Please give a phone number.",
    },
    "phone.unreadable": {
        "nl": "'{value}' is geen telefoonnummer.",
        "en": "'{value}' is not a phone number.",
    },
    "phone.impossible": {
        "nl": "'{value}' bestaat niet als telefoonnummer; controleer de cijfers.",
        "en": "'{value}' cannot exist as a phone number; check the digits.",
    },
    "phone.not_mobile": {
        "nl": "'{value}' is geen mobiel nummer; een lid moet sms'jes kunnen "
        "ontvangen. Vul een 06-nummer in.",
        "en": "'{value}' is not a mobile number; a member must be able to receive "
        "text messages. Give a mobile number.",
    },
    # The roster.
    "member.name_missing": {
        "nl": "Vul een naam in; die staat voor elke melding van dit lid.",
        "en": "Please give a name; it stands before every alert this member sends.",
    },
    "member.name_too_long": {
        "nl": "De naam mag hoogstens {limit} tekens lang zijn.",
        "en": "The name can be at most {limit} characters long.",
    },
    "member.street_too_long": {
        "nl": "De straat mag hoogstens {limit} tekens lang zijn.",
        "en": "The street can be at most {limit} characters long.",
    },
    "member.role_unknown": {
        "nl": "Rol '{value}' bestaat niet; kies uit: {choices}.",
        "en": "Role '{value}' does not exist; choose from: {choices}.",
    },
    "member.status_unknown": {
        "nl": "Status '{value}' bestaat niet; kies uit: {choices}.",
        "en": "Status '{value}' does not exist; choose from: {choices}.",
    },
    "member.language_unknown": {
        "nl": "Taal '{value}' wordt niet ondersteund; kies uit: {choices}.",
        "en": "Language '{value}' is not supported; choose from: {choices}.",
    },
    "member.exists": {
        "nl": "{phone} staat al op de lijst van {neighbourhood}.",
        "en": "{phone} is already on the roster of {neighbourhood}.",
    },
    "member.not_found": {
        "nl": "{phone} staat niet op de lijst van {neighbourhood}.",
        "en": "{phone} is not on the roster of {neighbourhood}.",
    },
    "member.subscribe_failed": {
        "nl": "{phone} kon niet worden aangemeld voor meldingen; probeer het opnieuw.",
        "en": "{phone} could not be signed up for alerts; please try again.",
    },
    "member.unsubscribe_failed": {
        "nl": "{phone} kon niet worden afgemeld voor meldingen; probeer het opnieuw.",
        "en": "{phone} could not be signed off from alerts; please try again.",
    },
    "import.header": {
        "nl": "De eerste regel van de lijst moet de kopregel {header} zijn.",
        "en": "The first line of the list must be the header {header}.",
    },
    "token.not_coordinator": {
        "nl": "{phone} is geen actieve coördinator van {neighbourhood}; maak diegene "
        "eerst coördinator, dan pas krijgt diegene een toegangssleutel. Heeft "
        "{neighbourhood} nog geen coördinator, geef dan bij wijkalert "
        "neighbourhoods open {id} ook --coordinator {phone} --coordinator-name "
        "NAAM.",
        "en": "{phone} is not an active coordinator of {neighbourhood}; make them "
        "coordinator first, then they can have an access token. If "
        "{neighbourhood} has no coordinator yet, give wijkalert neighbourhoods "
        "open {id} --coordinator {phone} --coordinator-name NAME as well.",
    },
    "member.coordinator_exists": {
        "nl": "{neighbourhood} heeft al een actieve coördinator; die zet anderen "
        "op de lijst, ook als coördinator (wijkalert members add ... --role "
        "coordinator).",
        "en": "{neighbourhood} already has an active coordinator; they put others "
        "on the roster, as coordinator too (wijkalert members add ... --role "
        "coordinator).",
    },
    "member.coordinator_opted_out": {
        "nl": "{phone} heeft zich met STOP afgemeld; alleen diegene zelf kan zich "
        "weer aanmelden, door START te sms'en.",
        "en": "{phone} left by texting STOP; only they can sign up again, by "
        "texting START.",
    },
    "token.not_found": {
        "nl": "Er is geen toegangssleutel '{value}' voor deze buurt.",
        "en": "There is no access token '{value}' for this neighbourhood.",
    },
    # The admin API.
    "api.body_not_json": {
        "nl": "De inhoud van het verzoek is geen geldige JSON.",
        "en": "The request body is not valid JSON.",
    },
    "api.body_not_object": {
        "nl": "De inhoud van het verzoek moet een JSON-object zijn: velden tussen "
        "{{ en }}, zoals openapi.yaml ze voor elke route beschrijft.",
        "en": "The request body must be a JSON object: fields between {{ and }}, "
        "as openapi.yaml describes them for each route.",
    },
    "api.body_not_utf8": {
        "nl": "De lijst moet als UTF-8 zijn opgeslagen.",
        "en": "The list must be saved as UTF-8.",
    },
    "api.body_too_large": {
        "nl": "Het verzoek is te groot; de grens is {limit} KB.",
        "en": "The request is too large; the limit is {limit} KB.",
    },
    "api.field_unknown": {
        "nl": "Het veld '{name}' bestaat niet; gebruik: {choices}.",
        "en": "The field '{name}' does not exist; use: {choices}.",
    },
    "api.field_not_text": {
        "nl": "Het veld '{name}' moet tekst zijn.",
        "en": "The field '{name}' must be text.",
    },
    "api.phone_fixed": {
        "nl": "Een telefoonnummer kan niet worden gewijzigd; verwijder het lid en "
        "voeg het nieuwe nummer toe.",
        "en": "A phone number cannot be changed; remove the member and add the new "
        "number.",
    },
    "api.media_type": {
        "nl": "Dit adres leest geen inhoud van de soort '{value}'; stuur JSON "
        "(application/json), of voor een import CSV (text/csv).",
        "en": "This address does not read content of type '{value}'; send JSON "
        "(application/json), or CSV (text/csv) for an import.",
    },
    "api.method_not_allowed": {
        "nl": "Dit adres kent {method} niet; gebruik {allowed}.",
        "en": "This address does not know {method}; use {allowed}.",
    },
    "api.limit_invalid": {
        "nl": "'limit' moet een heel getal van 1 tot en met {most} zijn.",
        "en": "'limit' must be a whole number from 1 to {most}.",
    },
    "api.cursor_invalid": {
        "nl": "Deze 'cursor' komt niet van een eerdere pagina.",
        "en": "This 'cursor' does not come from an earlier page.",
    },
    "api.date_invalid": {
        "nl": "'{value}' is geen datum; schrijf bijvoorbeeld 2026-11-28.",
        "en": "'{value}' is not a date; write for example 2026-11-28.",
    },
    "api.date_out_of_range": {
        "nl": "'{value}' ligt buiten de jaren die het logboek kan bevatten: 1970 tot "
        "en met 9998.",
        "en": "'{value}' is outside the years the log can hold: 1970 to 9998.",
    },
    "api.dates_reversed": {
        "nl": "De begindatum ligt na de einddatum.",
        "en": "The start date is after the end date.",
    },
    "settings.not_boolean": {
        "nl": "'{name}' moet true of false zijn.",
        "en": "'{name}' must be true or false.",
    },
    "settings.parts_invalid": {
        "nl": "'max_parts' moet een heel getal van 1 tot en met 10 zijn.",
        "en": "'max_parts' must be a whole number from 1 to 10.",
    },
    "settings.euros_invalid": {
        "nl": "'{name}' moet een bedrag in euro's als tekst zijn, zoals \"25.00\", "
        "met hoogstens {places} cijfers achter de punt.",
        "en": "'{name}' must be an amount in euros as text, such as \"25.00\", "
        "with at most {places} digits after the point.",
    },
    "settings.price_zero": {
        "nl": "'price_per_part' kan geen 0 zijn: een sms is nooit gratis, en bij 0 "
        "euro zou het budget niets meer tegenhouden; geef de echte prijs, zoals "
        '"0.09".',
        "en": "'price_per_part' cannot be 0: an SMS is never free, and at 0 euros "
        'the budget would hold nothing back; give the real price, such as "0.09".',
    },
    "settings.budget_zero": {
        "nl": "Een budget van 0 euro houdt elke melding tegen, ook een brandmelding; "
        'stuur "monthly_budget": null om het budget weg te halen.',
        "en": "A budget of 0 euros holds back every alert, a fire alert too; send "
        '"monthly_budget": null to remove the budget.',
    },
    "api.former_member": {
        "nl": "Oud-lid",
        "en": "Former member",
    },
    "api.internal": {
        "nl": "Er ging iets mis aan onze kant; er is niets gewijzigd. Probeer het "
        "later opnieuw.",
        "en": "Something went wrong on our side; nothing was changed. Please try "
        "again later.",
    },
    "neighbourhood.not_found": {
        "nl": "Buurt '{value}' bestaat niet (meer).",
        "en": "Neighbourhood '{value}' does not exist (any more).",
    },
    "member.status_theirs": {
        "nl": "{phone} heeft zich zelf afgemeld; alleen die persoon kan terugkomen, "
        "door START te sms'en.",
        "en": "{phone} left by their own choice; only they can come back, by "
        "texting START.",
    },
    "member.status_pending": {
        "nl": "{phone} wacht op goedkeuring; keur de aanmelding goed of af.",
        "en": "{phone} is waiting for approval; approve or refuse the request.",
    },
    "member.not_pending": {
        "nl": "{phone} staat al op de lijst van {neighbourhood}; er is geen "
        "aanmelding om goed of af te keuren.",
        "en": "{phone} is already on the roster of {neighbourhood}; there is no "
        "request to approve or refuse.",
    },
    # Neighbourhoods.
    "neighbourhood.id_invalid": {
        "nl": "'{value}' kan geen buurtcode zijn; gebruik kleine letters, "
        "cijfers en streepjes.",
        "en": "'{value}' cannot be a neighbourhood id; use lower-case letters, "
        "digits and dashes.",
    },
    "neighbourhood.exists": {
        "nl": "Buurt '{value}' bestaat al.",
        "en": "Neighbourhood '{value}' already exists.",
    },
    "neighbourhood.long_code_taken": {
        "nl": "Nummer {value} hoort al bij een andere buurt.",
        "en": "Number {value} already belongs to another neighbourhood.",
    },
    # Configuration, read by whoever deploys.
    "config.missing": {
        "nl": "De instelling {name} ontbreekt; zet deze in .chalice/config.json.",
        "en": "The setting {name} is missing; set it in .chalice/config.json.",
    },
    "config.invalid": {
        "nl": "De instelling {name} heeft een ongeldige waarde '{value}'.",
        "en": "The setting {name} has an invalid value '{value}'.",
    },
    # Sending.
    "broadcast.failed": {
        "nl": "De melding kon niet worden verstuurd; AWS wordt zo opnieuw gevraagd.",
        "en": "The alert could not be sent; AWS will be asked again shortly.",
    },
    # The sandbox: replaying events and telling the demo's story.
    "sandbox.file_unreadable": {
        "nl": "Kan {path} niet lezen: {reason}.",
        "en": "Cannot read {path}: {reason}.",
    },
    "sandbox.file_not_json": {
        "nl": "{path} is geen JSON-bestand: {reason}.",
        "en": "{path} is not a JSON file: {reason}.",
    },
    "sandbox.roster_row_refused": {
        "nl": "Regel {line} van {path} is niet gebruikt: {reason}",
        "en": "Line {line} of {path} was not used: {reason}",
    },
    "story.intro": {
        "nl": "Buurt {neighbourhood}, nummer {long_code}. Leden op de lijst: {count}.",
        "en": "Neighbourhood {neighbourhood}, number {long_code}. Members on the "
        "roster: {count}.",
    },
    "story.member": {
        "nl": "  {phone}  {name} ({role})",
        "en": "  {phone}  {name} ({role})",
    },
    "role.member": {"nl": "lid", "en": "member"},
    "role.coordinator": {"nl": "coördinator", "en": "coordinator"},
    "story.event": {
        "nl": "{step}. {event}",
        "en": "{step}. {event}",
    },
    "story.broadcast": {
        "nl": "   {sender} stuurt een melding. Alle {count} actieve leden krijgen "
        "hem, ook {sender} zelf als bevestiging. Sms-delen per persoon: {parts}.",
        "en": "   {sender} sends an alert. All {count} active members receive it, "
        "{sender} too as confirmation. SMS parts per person: {parts}.",
    },
    "story.delivery": {
        "nl": "     -> {name} ({to}): {body}",
        "en": "     -> {name} ({to}): {body}",
    },
    "story.duplicate": {
        "nl": "   AWS levert hetzelfde bericht nog eens af. Niemand krijgt iets: "
        "dit bericht is al verwerkt en elke sms kost geld.",
        "en": "   AWS delivers the same text again. Nobody receives anything: "
        "this text was already handled, and every SMS costs money.",
    },
    "story.unknown_sender": {
        "nl": "   Een nummer dat niet op de lijst staat ({sender}) stuurt een bericht. "
        "Niemand krijgt iets: onbekenden krijgen hoogstens eens per maand uitleg "
        "hoe ze mee kunnen doen, en deze had die al, is uit het buitenland of is "
        "een vast nummer dat geen sms kan ontvangen.",
        "en": "   A number that is not on the roster ({sender}) sends a text. "
        "Nobody receives anything: strangers get at most one explanation a month "
        "of how to join, and this one had it already, is from abroad or is a "
        "landline that cannot receive SMS.",
    },
    "story.stranger": {"nl": "onbekende", "en": "stranger"},
    "story.join_hint": {
        "nl": "   Een nummer dat niet op de lijst staat ({sender}) stuurt een bericht. "
        "Er gaat geen melding rond; alleen de afzender krijgt eens per maand een "
        "sms hoe hij mee kan doen.",
        "en": "   A number that is not on the roster ({sender}) sends a text. No "
        "alert goes round; only the sender gets, once a month, an SMS on how to "
        "join.",
    },
    "story.join_requested": {
        "nl": "   {sender} wil meedoen. De coördinatoren krijgen een sms om de "
        "aanmelding goed of af te keuren.",
        "en": "   {sender} asks to join. The coordinators get an SMS to approve or "
        "refuse.",
    },
    "story.pending_member": {
        "nl": "   {sender} wacht nog op goedkeuring. Niemand krijgt iets.",
        "en": "   {sender} is still waiting for approval. Nobody receives anything.",
    },
    "story.join_refused": {
        "nl": "   {sender} wil meedoen, maar dat nummer kan niet op de lijst, "
        "bijvoorbeeld omdat het een vast nummer is dat geen sms kan ontvangen. "
        "Niemand krijgt iets.",
        "en": "   {sender} asks to join, but that number cannot go on the roster, "
        "for instance because it is a landline that cannot receive an SMS. "
        "Nobody receives anything.",
    },
    "story.join_withdrawn": {
        "nl": "   {sender} stuurt STOP terwijl de aanmelding nog wacht: de aanmelding "
        "vervalt. Niemand krijgt iets.",
        "en": "   {sender} texts STOP while the request to join waits: the request "
        "is withdrawn. Nobody receives anything.",
    },
    "story.opted_out": {
        "nl": "   {sender} stuurt STOP: die krijgt geen meldingen meer, en een sms "
        "hoe hij terug kan komen. De rest krijgt niets.",
        "en": "   {sender} texts STOP: no more alerts for them, and one SMS on how "
        "to come back. Nobody else receives anything.",
    },
    "story.opted_in": {
        "nl": "   {sender} komt terug en krijgt de meldingen weer.",
        "en": "   {sender} comes back and gets the alerts again.",
    },
    "story.opted_out_member": {
        "nl": "   {sender} is afgemeld; het bericht gaat niet rond.",
        "en": "   {sender} has left; the text does not go round.",
    },
    "story.already_in": {
        "nl": "   {sender} doet al mee en krijgt dat te horen.",
        "en": "   {sender} is already in and is told so.",
    },
    "story.help": {
        "nl": "   {sender} vraagt om hulp en krijgt een sms met de mogelijkheden.",
        "en": "   {sender} asks for help and gets one SMS with what they can do.",
    },
    "story.acknowledged": {
        "nl": "   {sender} laat weten te komen. Alleen wie de melding stuurde krijgt "
        "dat te horen; de rest wordt niet gestoord.",
        "en": "   {sender} says they are coming. Only the alert's sender is told; "
        "nobody else is disturbed.",
    },
    "story.closed": {
        "nl": "   {sender} rondt de melding af; iedereen krijgt een afsluitende sms.",
        "en": "   {sender} closes the alert; everyone gets one closing SMS.",
    },
    "story.close_refused": {
        "nl": "   {sender} mag deze melding niet afronden: dat kan alleen wie hem "
        "stuurde of een coördinator. Een uitleg krijgt hij hoogstens eens per uur.",
        "en": "   {sender} may not close this alert: only its sender or a coordinator "
        "can. An explanation goes out at most once an hour.",
    },
    "story.nothing_to_close": {
        "nl": "   {sender} wil afronden, maar er is geen open melding.",
        "en": "   {sender} wants to close, but there is no open alert.",
    },
    "story.held_back": {
        "nl": "   Het bericht van {sender} gaat niet rond: {reason}.",
        "en": "   {sender}'s text does not go round: {reason}.",
    },
    "story.reason.duplicate_text": {
        "nl": "dezelfde tekst ging het afgelopen uur al rond",
        "en": "the same text went round in the past hour",
    },
    "story.reason.member_rate": {
        "nl": "die stuurde al te veel meldingen kort na elkaar",
        "en": "they sent too many alerts in a short time",
    },
    "story.reason.neighbourhood_rate": {
        "nl": "er gingen dit uur al te veel meldingen rond",
        "en": "too many alerts went round this hour",
    },
    "story.reason.auto_reply": {
        "nl": "het is een automatisch antwoord, en daar wordt nooit op gereageerd",
        "en": "it is an automatic reply, and those are never answered",
    },
    "story.reason.budget": {
        "nl": "het sms-budget van deze maand is op",
        "en": "this month's SMS budget is used up",
    },
    "story.reason.stale_reply": {
        "nl": "het is een reactie, maar er is geen melding van het afgelopen half uur",
        "en": "it is a reply, but there is no alert from the past half hour",
    },
    "story.reason.closed_alert": {
        "nl": "het is een reactie, maar de melding is al afgerond",
        "en": "it is a reply, but the alert was already closed",
    },
    "story.unknown_long_code": {
        "nl": "   Het bericht is voor nummer {long_code}, dat bij geen buurt hoort. "
        "Niemand krijgt iets.",
        "en": "   The text is for number {long_code}, which belongs to no "
        "neighbourhood. Nobody receives anything.",
    },
    "story.malformed": {
        "nl": "   Dit bericht is niet te gebruiken: {reason}. Het wordt gelogd en "
        "weggelegd, zonder opnieuw te proberen. Niemand krijgt iets.",
        "en": "   This message cannot be used: {reason}. It is logged and dropped "
        "without a retry. Nobody receives anything.",
    },
    "story.summary": {
        "nl": "Samen: berichten binnen {texts}, sms'jes verstuurd {sms}, "
        "sms-delen betaald {parts}.",
        "en": "In all: texts received {texts}, SMS messages sent {sms}, "
        "SMS parts paid for {parts}.",
    },
    "story.inactive_member": {
        "nl": "   {sender} staat op de lijst maar is niet actief. Niemand krijgt iets.",
        "en": "   {sender} is on the roster but not active. Nobody receives anything.",
    },
    "story.unknown_outcome": {
        "nl": "   Afgehandeld als '{outcome}'.",
        "en": "   Handled as '{outcome}'.",
    },
    # SMS replies. Kept in GSM-7 (no curly quotes, no accents GSM-7 lacks,
    # "coordinator" without its diaeresis) so each fits one cheap part.
    "sms.opted_out": {
        "nl": "[{neighbourhood}] Je bent afgemeld en krijgt geen meldingen meer. "
        "Stuur START om weer mee te doen.",
        "en": "[{neighbourhood}] You have left and get no more alerts. "
        "Text START to join again.",
    },
    "sms.opted_in": {
        "nl": "[{neighbourhood}] Welkom terug! Je krijgt de meldingen weer. "
        "Stuur STOP om je af te melden.",
        "en": "[{neighbourhood}] Welcome back! You get the alerts again. "
        "Text STOP to leave.",
    },
    "sms.still_opted_out": {
        "nl": "[{neighbourhood}] Je bent afgemeld, dus je bericht is niet "
        "doorgestuurd. Stuur START om weer mee te doen. Spoed? Bel 112.",
        "en": "[{neighbourhood}] You have left, so your text was not passed on. "
        "Text START to join again. Emergency? Call 112.",
    },
    "sms.already_in": {
        "nl": "[{neighbourhood}] Je doet al mee en krijgt de meldingen. "
        "Stuur HULP voor de mogelijkheden.",
        "en": "[{neighbourhood}] You are already in and get the alerts. "
        "Text HELP for what you can do.",
    },
    "sms.help": {
        "nl": "[{neighbourhood}] Sms je melding naar dit nummer, dan krijgt "
        "iedereen hem. KOM: ik kom. KLAAR + uitkomst: afronden. STOP: afmelden. "
        "Spoed? Bel 112.",
        "en": "[{neighbourhood}] Text your alert to this number and everyone gets "
        "it. COMING: I'm coming. KLAAR + outcome: close it. STOP: leave. "
        "Emergency? Call 112.",
    },
    "sms.join_hint": {
        "nl": "[{neighbourhood}] Dit is het sms-alarm van de buurt. Meedoen? "
        "Stuur AANMELDEN, je naam en je straat.",
        "en": "[{neighbourhood}] This is the neighbourhood's SMS alert. Want to "
        "join? Text JOIN, your name and your street.",
    },
    "sms.join_requested": {
        "nl": "[{neighbourhood}] Aanmelding van {name} ({number}). Keur goed of af "
        "met: wijkalert members approve of refuse {number}",
        "en": "[{neighbourhood}] Request to join from {name} ({number}). Approve or "
        "refuse with: wijkalert members approve or refuse {number}",
    },
    "sms.join_approved": {
        "nl": "[{neighbourhood}] Welkom! Je aanmelding is goedgekeurd en je krijgt "
        "nu de meldingen. Stuur HULP voor de mogelijkheden.",
        "en": "[{neighbourhood}] Welcome! Your request was approved and you now get "
        "the alerts. Text HELP for what you can do.",
    },
    "sms.join_refused": {
        "nl": "[{neighbourhood}] Je aanmelding is niet goedgekeurd. Vragen? "
        "Spreek een coördinator van de buurt aan.",
        "en": "[{neighbourhood}] Your request to join was not approved. Questions? "
        "Ask one of the neighbourhood's coordinators.",
    },
    "sms.acknowledged": {
        "nl": "[{neighbourhood}] {name} komt ({count})",
        "en": "[{neighbourhood}] {name} is coming ({count})",
    },
    "sms.closed": {
        "nl": "[{neighbourhood}] Afgerond.",
        "en": "[{neighbourhood}] Closed.",
    },
    "sms.closed_with_outcome": {
        "nl": "[{neighbourhood}] Afgerond: {outcome}",
        "en": "[{neighbourhood}] Closed: {outcome}",
    },
    "sms.nothing_to_close": {
        "nl": "[{neighbourhood}] Er is geen open melding om af te ronden.",
        "en": "[{neighbourhood}] There is no open alert to close.",
    },
    "sms.close_refused": {
        "nl": "[{neighbourhood}] Alleen {name}, die de melding stuurde, of een "
        "coördinator kan de melding afronden. Iets te melden? Begin dan niet "
        "met KLAAR of AFGEROND.",
        "en": "[{neighbourhood}] Only {name}, who sent the alert, or a coordinator "
        "can close it. Something to report? Then do not start with KLAAR or "
        "AFGEROND.",
    },
    "sms.held.duplicate_text": {
        "nl": "[{neighbourhood}] Je bericht is niet opnieuw verstuurd: dezelfde "
        "melding ging het afgelopen uur al rond.",
        "en": "[{neighbourhood}] Your text was not sent again: the same alert went "
        "round in the past hour.",
    },
    "sms.held.member_rate": {
        "nl": "[{neighbourhood}] Je bericht is niet verstuurd: je stuurde al "
        "{member_alerts} meldingen in {member_minutes} minuten. Spoed? Bel 112.",
        "en": "[{neighbourhood}] Your text was not sent: you sent {member_alerts} "
        "alerts in {member_minutes} minutes already. Emergency? Call 112.",
    },
    "sms.held.neighbourhood_rate": {
        "nl": "[{neighbourhood}] Je bericht is niet verstuurd: er gingen dit uur "
        "al {broadcasts} meldingen rond. Spoed? Bel 112.",
        "en": "[{neighbourhood}] Your text was not sent: {broadcasts} alerts went "
        "round this hour already. Emergency? Call 112.",
    },
    "sms.held.stale_reply": {
        "nl": "[{neighbourhood}] Je reactie is niet doorgestuurd: er is geen "
        "melding van het afgelopen half uur.",
        "en": "[{neighbourhood}] Your reply was not passed on: there is no alert "
        "from the past half hour.",
    },
    "sms.held.closed_alert": {
        "nl": "[{neighbourhood}] Je reactie is niet doorgestuurd: de melding is al "
        "afgerond.",
        "en": "[{neighbourhood}] Your reply was not passed on: the alert was "
        "already closed.",
    },
    "sms.held.budget": {
        "nl": "[{neighbourhood}] Je bericht is niet verstuurd: het sms-budget van "
        "de buurt voor deze maand is op. Spoed? Bel 112.",
        "en": "[{neighbourhood}] Your text was not sent: the neighbourhood's SMS "
        "budget for this month is used up. Emergency? Call 112.",
    },
    "sms.tripped.budget": {
        "nl": "[{neighbourhood}] Let op: een melding van {name} is niet verstuurd "
        "omdat het sms-budget van deze maand op is.",
        "en": "[{neighbourhood}] Note: an alert from {name} was not sent because "
        "this month's SMS budget is used up.",
    },
    "sms.shortened": {
        "nl": "[{neighbourhood}] Je melding was te lang en is ingekort "
        "verstuurd. Houd het kort: elke sms kost geld.",
        "en": "[{neighbourhood}] Your alert was too long and went out shortened. "
        "Keep it short: every SMS costs money.",
    },
    "sms.budget_warning": {
        "nl": "[{neighbourhood}] Let op: deze maand is EUR {spent} van het "
        "sms-budget van EUR {budget} gebruikt.",
        "en": "[{neighbourhood}] Note: EUR {spent} of the EUR {budget} SMS budget "
        "is used this month.",
    },
    "sms.tripped.member_rate": {
        "nl": "[{neighbourhood}] Let op: {name} stuurde meer dan {member_alerts} "
        "meldingen in {member_minutes} minuten; de rest wordt tegengehouden.",
        "en": "[{neighbourhood}] Note: {name} sent more than {member_alerts} alerts "
        "in {member_minutes} minutes; the rest is held back.",
    },
    "sms.tripped.neighbourhood_rate": {
        "nl": "[{neighbourhood}] Let op: er gingen dit uur al {broadcasts} "
        "meldingen rond; nieuwe worden tegengehouden.",
        "en": "[{neighbourhood}] Note: {broadcasts} alerts went round this hour; "
        "new ones are held back.",
    },
    "member.unnamed": {
        "nl": "Nieuwe buur",
        "en": "New neighbour",
    },
    # Command-line help.
    "cli.help": {
        "nl": "wijkalert: het sms-alarm van de buurt. Zet WIJKALERT_LANG=en voor "
        "Engels.",
        "en": "wijkalert: the neighbourhood's SMS alert. Set WIJKALERT_LANG=nl for "
        "Dutch.",
    },
    "cli.lang_unknown": {
        "nl": "{given}: die taal spreekt wijkalert niet; kies uit: {choices}.",
        "en": "{given}: wijkalert does not speak that language; choose from: "
        "{choices}.",
    },
    "cli.help.lang": {
        "nl": "Taal van de uitvoer (nl of en).",
        "en": "Language of the output (nl or en).",
    },
    "cli.help.sandbox": {
        "nl": "Probeer wijkalert uit zonder AWS-account, op een ingebouwde nep-AWS.",
        "en": "Try wijkalert with no AWS account, on an embedded stand-in for AWS.",
    },
    "cli.help.replay": {
        "nl": "Speel SNS-berichten af door de echte Lambda-functie en druk elke "
        "sms die zou worden afgeleverd af als een JSON-regel.",
        "en": "Run SNS events through the real Lambda function and print every SMS "
        "that would be delivered as one JSON line.",
    },
    "cli.help.demo": {
        "nl": "Speel SNS-berichten af en vertel wie wat kreeg, en waarom de "
        "anderen niets kregen.",
        "en": "Replay SNS events and tell who received what, and why the others "
        "got nothing.",
    },
    "cli.help.roster": {
        "nl": "CSV met kopregel phone,name,street,role; zonder deze optie wordt "
        "de demolijst gebruikt.",
        "en": "CSV with header phone,name,street,role; without it the demo roster "
        "is used.",
    },
    "cli.help.logs": {
        "nl": "Toon de JSON-logregels van de functie op stderr.",
        "en": "Show the function's JSON log lines on stderr.",
    },
    # Why a text was dropped, as the story and the logs name it.
    "malformed.not_json": {
        "nl": "de inhoud is geen JSON",
        "en": "the content is not JSON",
    },
    "malformed.not_object": {
        "nl": "de JSON is geen object",
        "en": "the JSON is not an object",
    },
    "malformed.no_sender": {
        "nl": "de afzender ontbreekt",
        "en": "the sender is missing",
    },
    "malformed.no_long_code": {
        "nl": "het ontvangende nummer ontbreekt",
        "en": "the receiving number is missing",
    },
    "malformed.empty_body": {
        "nl": "het bericht is leeg",
        "en": "the text is empty",
    },
    "malformed.body_not_text": {
        "nl": "de inhoud van het bericht is geen tekst",
        "en": "the message body is not text",
    },
    "malformed.no_message_id": {
        "nl": "het bericht heeft geen kenmerk, dus een herhaling is niet te herkennen",
        "en": "the message has no id, so a repeat could not be recognised",
    },
    "malformed.bad_timestamp": {
        "nl": "het tijdstip van ontvangst is onleesbaar",
        "en": "the time it was received cannot be read",
    },
    "sandbox.no_such_file": {
        "nl": "het bestand bestaat niet",
        "en": "the file does not exist",
    },
    "sandbox.no_such_folder": {
        "nl": "de map waar het in moet bestaat niet",
        "en": "the folder it should go in does not exist",
    },
    "sandbox.folder_takes_no_files": {
        "nl": "de map bestaat, maar er kan geen nieuw bestand in; kies een andere map",
        "en": "the folder exists, but no new file can be made in it; choose another "
        "folder",
    },
    "sandbox.not_a_folder": {
        "nl": "een deel van het pad is een bestand, geen map",
        "en": "part of the path is a file, not a folder",
    },
    "sandbox.no_write_permission": {
        "nl": "je hebt geen toestemming om daar te schrijven",
        "en": "you are not allowed to write there",
    },
    "sandbox.is_directory": {
        "nl": "dat is een map, geen bestand",
        "en": "that is a folder, not a file",
    },
    "sandbox.no_permission": {
        "nl": "je hebt geen toestemming om het te lezen",
        "en": "you are not allowed to read it",
    },
    "sandbox.empty_file": {
        "nl": "het bestand is leeg",
        "en": "the file is empty",
    },
    "member.is_long_code": {
        "nl": "{phone} is het nummer van een buurt zelf en kan geen lid zijn.",
        "en": "{phone} is a neighbourhood's own number and cannot be a member.",
    },
    "story.unknown_number": {
        "nl": "onbekend nummer",
        "en": "unknown number",
    },
    "malformed.not_sns": {
        "nl": "het is geen SNS-bericht",
        "en": "it is not an SNS notification",
    },
    # `wijkalert neighbourhoods`: an operator working on a running deployment.
    "operator.help.neighbourhoods": {
        "nl": "Beheer de buurten van een draaiende installatie op AWS.",
        "en": "Manage the neighbourhoods of a running deployment on AWS.",
    },
    "operator.help.open": {
        "nl": "Open een buurt: maakt het ledentopic aan, legt het lange nummer "
        "vast en zet de eerste coördinator op de lijst. ID is de buurtcode, "
        "bijvoorbeeld molenwijk.",
        "en": "Open a neighbourhood: creates its members topic, records its long "
        "code and puts its first coordinator on the roster. ID is the "
        "neighbourhood id, for example molenwijk.",
    },
    "operator.help.name": {
        "nl": "De naam van de buurt, zoals die voor elke melding staat.",
        "en": "The neighbourhood's name, as it stands before every alert.",
    },
    "operator.help.long_code": {
        "nl": "Het lange nummer met tweerichtings-sms dat de bewoners sms'en.",
        "en": "The long code with two-way SMS that residents text.",
    },
    "operator.help.language": {
        "nl": "De taal van de buurt (nl of en).",
        "en": "The neighbourhood's language (nl or en).",
    },
    "operator.help.stage": {
        "nl": "De stage uit .chalice/config.json waarvan de tabellen worden gebruikt.",
        "en": "The stage in .chalice/config.json whose tables are used.",
    },
    "operator.help.project_dir": {
        "nl": "De map met .chalice/config.json.",
        "en": "The folder holding .chalice/config.json.",
    },
    "operator.help.aws_endpoint": {
        "nl": "Een ander adres voor AWS, zoals een lokale nep-AWS; zonder deze "
        "optie het echte AWS van je profiel.",
        "en": "Another address for AWS, such as a local stand-in; without it, the "
        "real AWS of your profile.",
    },
    "operator.opened": {
        "nl": "Buurt {name} ({id}) is geopend: nummer {long_code}, ledentopic {topic}.",
        "en": "Neighbourhood {name} ({id}) is open: number {long_code}, members "
        "topic {topic}.",
    },
    "operator.already_open": {
        "nl": "Buurt {name} ({id}) was al geopend met nummer {long_code}; er is "
        "niets veranderd. Ledentopic: {topic}.",
        "en": "Neighbourhood {name} ({id}) was already open with number "
        "{long_code}; nothing was changed. Members topic: {topic}.",
    },
    "operator.was_open": {
        "nl": "Buurt {name} ({id}) was al geopend met nummer {long_code}. "
        "Ledentopic: {topic}.",
        "en": "Neighbourhood {name} ({id}) was already open with number "
        "{long_code}. Members topic: {topic}.",
    },
    "operator.help.coordinator": {
        "nl": "Het mobiele nummer van de eerste coördinator van de buurt; die komt "
        "als actieve coördinator op de lijst en krijgt de meldingen.",
        "en": "The mobile number of the neighbourhood's first coordinator, who is "
        "put on the roster as an active coordinator and gets the alerts.",
    },
    "operator.help.coordinator_name": {
        "nl": "De naam van de eerste coördinator, zoals die voor diens meldingen "
        "staat.",
        "en": "The first coordinator's name, as it stands before their alerts.",
    },
    "operator.coordinator_name_missing": {
        "nl": "Geef ook --coordinator-name: de naam van de coördinator staat voor "
        "elke melding die diegene stuurt.",
        "en": "Also give --coordinator-name: the coordinator's name stands before "
        "every alert they send.",
    },
    "operator.coordinator_missing": {
        "nl": "--coordinator-name hoort bij --coordinator; geef ook het mobiele "
        "nummer van de coördinator.",
        "en": "--coordinator-name goes with --coordinator; also give the "
        "coordinator's mobile number.",
    },
    "operator.coordinator_added": {
        "nl": "{coordinator} ({phone}) staat nu als coördinator op de lijst van "
        "{name} en krijgt de meldingen.",
        "en": "{coordinator} ({phone}) is now on the roster of {name} as "
        "coordinator, and gets the alerts.",
    },
    "operator.coordinator_already": {
        "nl": "{coordinator} ({phone}) was al coördinator van {name}.",
        "en": "{coordinator} ({phone}) was already a coordinator of {name}.",
    },
    "operator.no_coordinator": {
        "nl": "{name} heeft nog geen coördinator, en zonder coördinator kan niemand "
        "de lijst beheren. Voer deze opdracht opnieuw uit met --coordinator "
        "NUMMER --coordinator-name NAAM.",
        "en": "{name} has no coordinator yet, and without one nobody can manage "
        "the roster. Run this command again with --coordinator NUMBER "
        "--coordinator-name NAME.",
    },
    "operator.next_token": {
        "nl": "Maak dan een toegangssleutel voor de coördinator (stap 7): {command}",
        "en": "Then make an access token for the coordinator (step 7): {command}",
    },
    "operator.next_step": {
        "nl": "Stuur nu de tweerichtings-sms van {long_code} naar het SNS-topic "
        "{inbound_topic} (stap 6 in docs/deploy.md); pas daarna komen sms'jes aan "
        "dat nummer bij deze buurt aan.",
        "en": "Now send the two-way SMS of {long_code} to the SNS topic "
        "{inbound_topic} (step 6 in docs/deploy.md); only then do texts to that "
        "number reach this neighbourhood.",
    },
    "operator.config_unreadable": {
        "nl": "Kan {path} niet lezen: {reason}.",
        "en": "Cannot read {path}: {reason}.",
    },
    "operator.stage_unknown": {
        "nl": "Stage '{stage}' staat niet in {path}; kies uit: {choices}.",
        "en": "Stage '{stage}' is not in {path}; choose from: {choices}.",
    },
    "operator.table_missing": {
        "nl": "Tabel {table} bestaat niet. Is de stack van stage {stage} in deze "
        "regio uitgerold?",
        "en": "Table {table} does not exist. Is the stack of stage {stage} deployed "
        "in this region?",
    },
    "operator.aws_failed": {
        "nl": "AWS voerde de opdracht niet uit: {reason}",
        "en": "AWS did not carry out the command: {reason}",
    },
    # The coordinators' commands (wijkalert/coordinator.py): help texts first.
    "cli.help.settings": {
        "nl": "Toon of wijzig het sms-budget van de buurt, hoe sms'jes gaan en wat "
        "het maandverslag toont.",
        "en": "Show or change the neighbourhood's SMS budget, how SMS are sent and "
        "what the monthly report shows.",
    },
    "cli.help.budget": {
        "nl": "Maandbudget in euro's, zoals 25,00.",
        "en": "Monthly budget in euros, such as 25.00.",
    },
    "cli.help.no_budget": {
        "nl": "Haal het maandbudget weg: dan gaat elke melding uit.",
        "en": "Remove the monthly budget: then every alert goes out.",
    },
    "cli.help.price": {
        "nl": "Prijs per sms-deel in euro's, zoals 0,09.",
        "en": "Price per SMS part in euros, such as 0.09.",
    },
    "settings.option_euros_invalid": {
        "nl": "{option} '{value}' is geen bedrag; schrijf euro's zoals {example}, "
        "met hoogstens {places} cijfers achter de komma en niet meer dan {most}.",
        "en": "{option} '{value}' is not an amount; write euros such as {example}, "
        "with at most {places} decimals and no more than {most}.",
    },
    "settings.option_budget_zero": {
        "nl": "Een budget van 0 euro houdt elke melding tegen, ook een brandmelding; "
        "wil je geen budget, gebruik dan --no-budget.",
        "en": "A budget of 0 euros holds back every alert, a fire alert too; for no "
        "budget, use --no-budget.",
    },
    "settings.option_price_zero": {
        "nl": "--price 0 kan niet: een sms is nooit gratis, en bij 0 euro zou het "
        "budget niets meer tegenhouden; geef de echte prijs, zoals 0,09.",
        "en": "--price 0 cannot be: an SMS is never free, and at 0 euros the budget "
        "would hold nothing back; give the real price, such as 0.09.",
    },
    "settings.option_budget_twice": {
        "nl": "Geef --budget of --no-budget, niet allebei.",
        "en": "Give --budget or --no-budget, not both.",
    },
    "settings.option_parts_invalid": {
        "nl": "--max-parts '{value}' kan niet; geef een heel getal van 1 tot en met "
        "{most}.",
        "en": "--max-parts '{value}' cannot be; give a whole number from 1 to {most}.",
    },
    "settings.option_categories_invalid": {
        "nl": "Geef bij --categories 1 tot en met {most} soorten, met komma's "
        "gescheiden, zoals inbraak,overlast; --default-categories zet de "
        "standaardlijst terug.",
        "en": "Give --categories 1 to {most} categories, separated by commas, such "
        "as inbraak,overlast; --default-categories puts back the default list.",
    },
    "settings.option_categories_twice": {
        "nl": "Geef --categories of --default-categories, niet allebei.",
        "en": "Give --categories or --default-categories, not both.",
    },
    "cli.help.default_categories": {
        "nl": "Zet de standaardsoorten terug: {categories}.",
        "en": "Put back the default categories: {categories}.",
    },
    "cli.help.max_parts": {
        "nl": "Hoeveel sms-delen een melding hoogstens mag kosten (1 tot 10).",
        "en": "How many SMS parts an alert may cost at most (1 to 10).",
    },
    "cli.help.smart": {
        "nl": "Vervang tekens door goedkopere look-alikes waar dat kan.",
        "en": "Replace characters with cheaper look-alikes where possible.",
    },
    "settings.shown": {
        "nl": "Maandbudget: {monthly_budget}. EUR {price_per_part} per sms-deel, "
        "hoogstens {max_parts} delen per melding, slim coderen: {smart_encoding}. "
        "Namen in het verslag: {show_names}. Categorieën: {categories}.",
        "en": "Monthly budget: {monthly_budget}. EUR {price_per_part} per SMS "
        "part, at most {max_parts} parts per alert, smart encoding: "
        "{smart_encoding}. Names in the report: {show_names}. Categories: "
        "{categories}.",
    },
    "cli.help.costs": {
        "nl": "Wat de sms'jes van een maand kostten, per soort, en wat er nog over "
        "is van het budget.",
        "en": "What a month's SMS cost, by kind, and what is left of the budget.",
    },
    "cli.help.month": {
        "nl": "De maand, zoals 2026-11; standaard deze maand.",
        "en": "The month, such as 2026-11; this month by default.",
    },
    "costs.heading": {
        "nl": "Sms-kosten van {month}",
        "en": "SMS costs for {month}",
    },
    "column.kind": {"nl": "soort", "en": "kind"},
    "connection.url_invalid": {
        "nl": "'{url}' is geen geldig adres; schrijf het zoals http://127.0.0.1:8000.",
        "en": "'{url}' is not a valid address; write it like http://127.0.0.1:8000.",
    },
    "member.remove_busy": {
        "nl": "Er komen nu veel berichten binnen in de buurt; probeer {phone} over "
        "een minuut opnieuw te verwijderen.",
        "en": "Many texts are coming in for the neighbourhood right now; try "
        "removing {phone} again in a minute.",
    },
    "member.last_coordinator": {
        "nl": "{phone} is de laatste coördinator van de buurt; maak eerst iemand "
        "anders coördinator.",
        "en": "{phone} is the neighbourhood's last coordinator; make someone else "
        "coordinator first.",
    },
    "import.too_many_rows": {
        "nl": "Een lijst kan hoogstens {most} regels tegelijk hebben; splits hem "
        "(de wijkalert-opdracht doet dat zelf).",
        "en": "A list can have at most {most} lines at a time; split it (the "
        "wijkalert command does that for you).",
    },
    "costs.kind.alert": {"nl": "meldingen", "en": "alerts"},
    "costs.kind.closing": {"nl": "afrondingen", "en": "closings"},
    "costs.kind.acknowledgement": {"nl": "ik-kom-berichten", "en": "acknowledgements"},
    "costs.kind.reply": {"nl": "antwoorden op sms-woorden", "en": "keyword replies"},
    "costs.summary_no_budget": {
        "nl": "Geschatte kosten: EUR {cost}; er is geen budget ingesteld (wijkalert "
        "settings --budget).",
        "en": "Estimated cost: EUR {cost}; no budget is set (wijkalert settings "
        "--budget).",
    },
    # Only for the running month: today's members are not those a month that
    # is over was sent to.
    "costs.per_member": {
        "nl": "Per actief lid ({active_members}): EUR {cost_per_member}.",
        "en": "Per active member ({active_members}): EUR {cost_per_member}.",
    },
    "costs.price": {
        "nl": "Prijs per sms-deel: EUR {price_per_part}.",
        "en": "Price per SMS part: EUR {price_per_part}.",
    },
    "costs.not_recorded": {
        "nl": "Voor {month} zijn geen verstuurde sms'jes vastgelegd, dus er zijn "
        "geen aantallen of kosten om te tonen.",
        "en": "No SMS sent in {month} were recorded, so there are no counts or "
        "cost to show.",
    },
    "settings.budget": {"nl": "EUR {amount}", "en": "EUR {amount}"},
    "settings.no_budget": {
        "nl": "geen, elke melding gaat uit",
        "en": "none, every alert goes out",
    },
    "costs.summary": {
        "nl": "Geschatte kosten: EUR {cost} van een budget van EUR {budget}; nog "
        "over: EUR {left}.",
        "en": "Estimated cost: EUR {cost} of a budget of EUR {budget}; left: "
        "EUR {left}.",
    },
    "cli.help.members_approve": {
        "nl": "Keur de aanmelding van een buur goed; die krijgt een welkomst-sms.",
        "en": "Approve a neighbour's request to join; they get a welcome SMS.",
    },
    "cli.help.members_refuse": {
        "nl": "Keur de aanmelding van een buur af; die krijgt een sms en het nummer "
        "wordt vergeten.",
        "en": "Refuse a neighbour's request to join; they get an SMS and the number "
        "is forgotten.",
    },
    "members.approved": {
        "nl": "{name} ({phone}) doet nu mee en heeft een welkomst-sms gekregen.",
        "en": "{name} ({phone}) is now in and was sent a welcome SMS.",
    },
    "members.refused": {
        "nl": "De aanmelding van {name} ({phone}) is afgekeurd; die heeft een sms "
        "gekregen.",
        "en": "The request of {name} ({phone}) was refused; they were sent an SMS.",
    },
    "cli.help.members": {
        "nl": "Beheer de ledenlijst van je buurt via de beheer-API.",
        "en": "Manage your neighbourhood's roster through the admin API.",
    },
    "cli.help.members_list": {
        "nl": "Toon de leden op de lijst, als tabel of met --json als JSON.",
        "en": "Show the members on the roster, as a table or with --json as JSON.",
    },
    "cli.help.members_add": {
        "nl": "Zet een buurtbewoner op de lijst; een actief lid krijgt vanaf nu de "
        "meldingen.",
        "en": "Put a neighbour on the roster; an active member gets the alerts from "
        "now on.",
    },
    "cli.help.members_update": {
        "nl": "Wijzig de gegevens van een lid; alleen wat je opgeeft verandert.",
        "en": "Change a member's details; only what you give is changed.",
    },
    "cli.help.members_remove": {
        "nl": "Haal een lid van de lijst; het nummer krijgt geen meldingen meer.",
        "en": "Take a member off the roster; the number gets no more alerts.",
    },
    "cli.help.members_import": {
        "nl": "Lees een CSV-lijst in (kopregel phone,name,street,role), ook zoals "
        "Excel die opslaat, en toon per regel wat ermee gebeurde.",
        "en": "Import a CSV list (header phone,name,street,role), also as Excel "
        "saves it, and show what happened to each line.",
    },
    "cli.help.alerts": {
        "nl": "Bekijk de meldingen die in je buurt zijn verstuurd.",
        "en": "Look at the alerts sent in your neighbourhood.",
    },
    "cli.help.alerts_list": {
        "nl": "Toon de meldingen, nieuwste eerst.",
        "en": "Show the alerts, newest first.",
    },
    "cli.help.reconcile": {
        "nl": "Breng de sms-aanmeldingen weer in lijn met de ledenlijst en toon wat "
        "er is hersteld.",
        "en": "Bring the SMS subscriptions back in line with the roster and show "
        "what was repaired.",
    },
    "cli.help.tokens": {
        "nl": "Voor de beheerder: toegangssleutels van coördinatoren, rechtstreeks "
        "in AWS.",
        "en": "For the operator: coordinators' access tokens, straight in AWS.",
    },
    "cli.help.tokens_create": {
        "nl": "Maak een toegangssleutel voor een coördinator; hij wordt één keer "
        "getoond.",
        "en": "Create an access token for a coordinator; it is shown once.",
    },
    "cli.help.tokens_list": {
        "nl": "Toon de toegangssleutels van een buurt, zonder het geheim.",
        "en": "Show a neighbourhood's access tokens, without the secret.",
    },
    "cli.help.tokens_revoke": {
        "nl": "Trek een toegangssleutel in; hij werkt meteen niet meer.",
        "en": "Revoke an access token; it stops working at once.",
    },
    "cli.help.url": {
        "nl": "Adres van de beheer-API, zoals https://wijkalert.example.org/api.",
        "en": "Address of the admin API, such as https://wijkalert.example.org/api.",
    },
    "cli.help.token": {
        "nl": "Je toegangssleutel (van de beheerder gekregen).",
        "en": "Your access token (given to you by the operator).",
    },
    "cli.help.json": {
        "nl": "Druk JSON af in plaats van een tabel, voor scripts.",
        "en": "Print JSON instead of a table, for scripts.",
    },
    "cli.help.all": {
        "nl": "Haal alle pagina's op, niet alleen de eerste.",
        "en": "Fetch every page, not only the first.",
    },
    "cli.help.status": {
        "nl": "Status: actief (krijgt meldingen) of inactief.",
        "en": "Status: active (gets the alerts) or inactive.",
    },
    "cli.help.role": {
        "nl": "Rol: lid of coördinator.",
        "en": "Role: member or coordinator.",
    },
    "cli.help.name": {
        "nl": "Naam, zoals die voor elke melding van dit lid staat.",
        "en": "Name, as it stands before every alert this member sends.",
    },
    "cli.help.street": {
        "nl": "Straat en huisnummer; leeg maakt het veld leeg.",
        "en": "Street and house number; empty clears it.",
    },
    "cli.help.language": {
        "nl": "Taal van de berichten aan dit lid: nl of en.",
        "en": "Language of the messages to this member: nl or en.",
    },
    "cli.help.yes": {
        "nl": "Niet om bevestiging vragen.",
        "en": "Do not ask for confirmation.",
    },
    "cli.help.from": {
        "nl": "Vanaf deze dag, zoals 2026-11-28.",
        "en": "From this day on, such as 2026-11-28.",
    },
    "cli.help.to": {
        "nl": "Tot en met deze dag, zoals 2026-11-30.",
        "en": "Up to and including this day, such as 2026-11-30.",
    },
    "cli.help.neighbourhood": {
        "nl": "Code van de buurt, zoals molenwijk.",
        "en": "The neighbourhood's id, such as molenwijk.",
    },
    "cli.help.coordinator": {
        "nl": "Telefoonnummer van de coördinator die de sleutel krijgt.",
        "en": "Phone number of the coordinator who gets the token.",
    },
    "cli.help.label": {
        "nl": "Notitie om de sleutel later te herkennen, zoals 'laptop Jan'.",
        "en": "A note to recognise the token by later, such as 'Jan's laptop'.",
    },
    "cli.help.stage": {
        "nl": "Omgeving uit .chalice/config.json waarvan de tabel wordt gebruikt.",
        "en": "Stage in .chalice/config.json whose table is used.",
    },
    "cli.help.aws_endpoint": {
        "nl": "Ander AWS-adres, zoals dat van een moto-server.",
        "en": "Another AWS address, such as a moto server's.",
    },
    # Reaching the admin API.
    "client.url_missing": {
        "nl": "Het adres van de API ontbreekt: geef --url, zet WIJKALERT_URL, of "
        "zet url in {path}.",
        "en": "The API's address is missing: give --url, set WIJKALERT_URL, or put "
        "url in {path}.",
    },
    "client.token_missing": {
        "nl": "Je toegangssleutel ontbreekt: geef --token, zet WIJKALERT_TOKEN, of "
        "zet token in {path}.",
        "en": "Your access token is missing: give --token, set WIJKALERT_TOKEN, or "
        "put token in {path}.",
    },
    "client.url_invalid": {
        "nl": "'{url}' is geen webadres; schrijf het zoals "
        "https://wijkalert.example.org/api.",
        "en": "'{url}' is not a web address; write it like "
        "https://wijkalert.example.org/api.",
    },
    "client.config_unreadable": {
        "nl": "Kan {path} niet lezen: {reason}.",
        "en": "Cannot read {path}: {reason}.",
    },
    "client.unauthorized": {
        "nl": "Je toegangssleutel is niet (meer) geldig; vraag de beheerder om een "
        "nieuwe.",
        "en": "Your access token is not valid (any more); ask the operator for a "
        "new one.",
    },
    "client.unreachable": {
        "nl": "Kan {url} niet bereiken; controleer het adres en de "
        "internetverbinding en probeer het opnieuw.",
        "en": "Cannot reach {url}; check the address and the internet connection "
        "and try again.",
    },
    "client.unexpected": {
        "nl": "{url} gaf een onverwacht antwoord (HTTP {status}); controleer of "
        "dit het adres van de wijkalert-API is.",
        "en": "{url} gave an unexpected answer (HTTP {status}); check that this is "
        "the address of the wijkalert API.",
    },
    # What the coordinators' commands print.
    "column.phone": {"nl": "telefoon", "en": "phone"},
    "column.name": {"nl": "naam", "en": "name"},
    "column.street": {"nl": "straat", "en": "street"},
    "column.role": {"nl": "rol", "en": "role"},
    "column.status": {"nl": "status", "en": "status"},
    "column.opted_out": {"nl": "afgemeld via STOP", "en": "opted out"},
    "column.joined": {"nl": "lid sinds", "en": "joined"},
    "column.line": {"nl": "regel", "en": "line"},
    "column.outcome": {"nl": "resultaat", "en": "outcome"},
    "column.reason": {"nl": "reden", "en": "reason"},
    "column.received_at": {"nl": "ontvangen", "en": "received"},
    "column.sender": {"nl": "afzender", "en": "sender"},
    "column.parts": {"nl": "delen", "en": "parts"},
    "column.body": {"nl": "bericht", "en": "text"},
    "column.token_id": {"nl": "id", "en": "id"},
    "column.coordinator": {"nl": "coördinator", "en": "coordinator"},
    "column.label": {"nl": "notitie", "en": "label"},
    "column.created": {"nl": "gemaakt", "en": "created"},
    "column.revoked": {"nl": "ingetrokken", "en": "revoked"},
    "status.active": {"nl": "actief", "en": "active"},
    "status.inactive": {"nl": "inactief", "en": "inactive"},
    "status.opted_out": {"nl": "afgemeld", "en": "left"},
    "status.pending": {"nl": "wacht op goedkeuring", "en": "awaiting approval"},
    "answer.yes": {"nl": "ja", "en": "yes"},
    "answer.no": {"nl": "nee", "en": "no"},
    "members.none": {
        "nl": "Er staan geen leden op de lijst die hierbij passen.",
        "en": "No members on the roster match this.",
    },
    "members.more": {
        "nl": "Er zijn meer leden; gebruik --all om ze allemaal te zien.",
        "en": "There are more members; use --all to see them all.",
    },
    "members.added": {
        "nl": "{name} ({phone}) staat nu op de lijst.",
        "en": "{name} ({phone}) is now on the roster.",
    },
    "members.updated": {
        "nl": "De gegevens van {name} ({phone}) zijn bijgewerkt.",
        "en": "The details of {name} ({phone}) are updated.",
    },
    "members.nothing_to_change": {
        "nl": "Er is niets te wijzigen; geef ten minste een van --name, --street, "
        "--role, --status of --language.",
        "en": "There is nothing to change; give at least one of --name, --street, "
        "--role, --status or --language.",
    },
    "members.confirm_remove": {
        "nl": "{name} ({phone}) van de lijst halen? Typ ja om te bevestigen",
        "en": "Take {name} ({phone}) off the roster? Type yes to confirm",
    },
    "members.removed": {
        "nl": "{name} ({phone}) staat niet meer op de lijst en krijgt geen "
        "meldingen meer.",
        "en": "{name} ({phone}) is off the roster and gets no more alerts.",
    },
    "members.kept": {
        "nl": "Niets verwijderd.",
        "en": "Nothing was removed.",
    },
    "import.progress": {
        "nl": "De lijst wordt ingelezen",
        "en": "Reading the list",
    },
    "import.outcome.added": {"nl": "toegevoegd", "en": "added"},
    "import.outcome.updated": {"nl": "bijgewerkt", "en": "updated"},
    "import.outcome.unchanged": {"nl": "ongewijzigd", "en": "unchanged"},
    "import.outcome.refused": {"nl": "geweigerd", "en": "refused"},
    "import.summary": {
        "nl": "Toegevoegd: {added}, bijgewerkt: {updated}, ongewijzigd: "
        "{unchanged}, geweigerd: {refused}.",
        "en": "Added: {added}, updated: {updated}, unchanged: {unchanged}, "
        "refused: {refused}.",
    },
    "import.no_rows": {
        "nl": "{path} bevat geen leden, alleen de kopregel.",
        "en": "{path} holds no members, only the header.",
    },
    "import.interrupted": {
        "nl": "De regels tot en met regel {line} zijn ingelezen; de rest niet. "
        "Het bestand opnieuw inlezen kan geen kwaad.",
        "en": "The lines up to and including line {line} were imported; the rest "
        "were not. Importing the file again does no harm.",
    },
    "alerts.none": {
        "nl": "Er zijn geen meldingen in deze periode.",
        "en": "There are no alerts in this period.",
    },
    "alerts.more": {
        "nl": "Er zijn meer meldingen; gebruik --all om ze allemaal te zien.",
        "en": "There are more alerts; use --all to see them all.",
    },
    "reconcile.subscribed": {
        "nl": "Opnieuw aangemeld voor meldingen: {phones}.",
        "en": "Signed up for alerts again: {phones}.",
    },
    "reconcile.unsubscribed": {
        "nl": "Afgemeld, want niet (meer) actief op de lijst: {phones}.",
        "en": "Signed off, as not (any more) active on the roster: {phones}.",
    },
    "reconcile.nothing": {
        "nl": "Alles klopte al; er was niets te herstellen.",
        "en": "Everything was in order; there was nothing to repair.",
    },
    # The operator's token commands, straight on AWS.
    "tokens.created": {
        "nl": "Toegangssleutel {token_id} voor {coordinator} van {neighbourhood}. "
        "Hij wordt niet nog eens getoond; geef hem veilig door:",
        "en": "Access token {token_id} for {coordinator} of {neighbourhood}. It "
        "will not be shown again; pass it on safely:",
    },
    "tokens.none": {
        "nl": "Buurt {neighbourhood} heeft nog geen toegangssleutels.",
        "en": "Neighbourhood {neighbourhood} has no access tokens yet.",
    },
    "tokens.revoked": {
        "nl": "Toegangssleutel {token_id} is ingetrokken en werkt niet meer.",
        "en": "Access token {token_id} is revoked and no longer works.",
    },
    "tokens.chalice_config_missing": {
        "nl": "Kan .chalice/config.json niet vinden; start dit commando in de map "
        "van wijkalert.",
        "en": "Cannot find .chalice/config.json; run this command in wijkalert's "
        "folder.",
    },
    "tokens.stage_unknown": {
        "nl": "Omgeving '{stage}' staat niet met een WIJKALERT_ROSTER_TABLE in "
        "{path}; kies uit: {choices}.",
        "en": "Stage '{stage}' has no WIJKALERT_ROSTER_TABLE in {path}; choose "
        "from: {choices}.",
    },
    "aws.no_credentials": {
        "nl": "Geen AWS-inloggegevens gevonden; stel een AWS-profiel in of zet "
        "AWS_PROFILE.",
        "en": "No AWS credentials found; set up an AWS profile or set AWS_PROFILE.",
    },
    "aws.no_region": {
        "nl": "Geen AWS-regio bekend; zet AWS_DEFAULT_REGION, zoals eu-west-1.",
        "en": "No AWS region is known; set AWS_DEFAULT_REGION, such as eu-west-1.",
    },
    "aws.unreachable": {
        "nl": "Kan AWS niet bereiken op {url}; controleer --aws-endpoint en de "
        "internetverbinding.",
        "en": "Cannot reach AWS at {url}; check --aws-endpoint and the internet "
        "connection.",
    },
    "aws.table_missing": {
        "nl": "Tabel {table} bestaat niet in dit AWS-account en deze regio; "
        "controleer --stage en AWS_DEFAULT_REGION.",
        "en": "Table {table} does not exist in this AWS account and region; check "
        "--stage and AWS_DEFAULT_REGION.",
    },
    "aws.refused": {
        "nl": "AWS weigerde het verzoek: {reason}.",
        "en": "AWS refused the request: {reason}.",
    },
    # Coordinator tokens brought by a script or the local server.
    "token.id_invalid": {
        "nl": "'{value}' kan geen sleutel-id zijn; gebruik letters, cijfers, - en _.",
        "en": "'{value}' cannot be a token id; use letters, digits, - and _.",
    },
    "token.secret_invalid": {
        "nl": "Het geheim van een toegangssleutel bestaat uit letters, cijfers en "
        "leestekens, zonder spaties.",
        "en": "A token's secret consists of letters, digits and punctuation, "
        "without spaces.",
    },
    # The local server: `wijkalert sandbox serve` and `sandbox sms`.
    "cli.help.serve": {
        "nl": "Start de beheer-API op deze computer, op de ingebouwde nep-AWS, met "
        "de demobuurt en haar leden. Stop met Ctrl-C.",
        "en": "Start the admin API on this computer, on the embedded stand-in for "
        "AWS, with the demo neighbourhood and its members. Stop with Ctrl-C.",
    },
    "cli.help.port": {
        "nl": "Poort van de beheer-API; de ingebouwde AWS gebruikt de poort erna.",
        "en": "Port of the admin API; the embedded AWS uses the port after it.",
    },
    "cli.help.serve_token": {
        "nl": "Gebruik deze toegangssleutel (molenwijk.<id>.<geheim>) in plaats van "
        "een nieuwe, bijvoorbeeld in een script.",
        "en": "Use this access token (molenwijk.<id>.<secret>) instead of a new "
        "one, for example in a script.",
    },
    "cli.help.sms": {
        "nl": "Stuur een sms naar de draaiende sandbox alsof hij van een telefoon "
        "komt, en toon elke sms die daardoor wordt afgeleverd.",
        "en": "Send a text into the running sandbox as if from a phone, and show "
        "every SMS it causes to be delivered.",
    },
    "cli.help.sms_from": {
        "nl": "Het nummer dat de sms stuurt, bijvoorbeeld 06-12345601.",
        "en": "The number sending the text, for example 06-12345601.",
    },
    "cli.help.sms_to": {
        "nl": "Het nummer van de buurt dat de sms ontvangt.",
        "en": "The neighbourhood's number that receives the text.",
    },
    "cli.help.sms_json": {
        "nl": "Toon elke afgeleverde sms als JSON-regel, zoals 'sandbox replay'.",
        "en": "Show every SMS delivered as a JSON line, as 'sandbox replay' does.",
    },
    "serve.api": {
        "nl": "De beheer-API luistert op {url}",
        "en": "The admin API listens on {url}",
    },
    "serve.aws": {
        "nl": "De ingebouwde AWS (moto) luistert op {url}",
        "en": "The embedded AWS (moto) listens on {url}",
    },
    "serve.token": {
        "nl": "Toegangssleutel van {name} ({phone}): {token}",
        "en": "Access token of {name} ({phone}): {token}",
    },
    "serve.stop": {
        "nl": "Stop met Ctrl-C; alles wat in de sandbox staat, verdwijnt dan.",
        "en": "Stop with Ctrl-C; everything in the sandbox is gone then.",
    },
    "serve.stopped": {
        "nl": "De sandbox is gestopt.",
        "en": "The sandbox has stopped.",
    },
    "serve.port_taken": {
        "nl": "Poort {port} is al in gebruik; kies een andere met --port.",
        "en": "Port {port} is already in use; choose another with --port.",
    },
    "serve.token_unreadable": {
        "nl": "Een toegangssleutel heeft de vorm <buurt>.<id>.<geheim>, zoals "
        "molenwijk.demo.geheim.",
        "en": "An access token has the form <neighbourhood>.<id>.<secret>, such as "
        "molenwijk.demo.secret.",
    },
    "serve.token_elsewhere": {
        "nl": "Deze toegangssleutel is voor buurt '{given}', maar de sandbox opent "
        "alleen buurt '{demo}'; laat de sleutel met '{demo}.' beginnen.",
        "en": "This access token is for neighbourhood '{given}', but the sandbox "
        "opens only neighbourhood '{demo}'; start the token with '{demo}.'.",
    },
    "sms.no_sandbox": {
        "nl": "Er draait geen sandbox op poort {port}; start er een met "
        "'wijkalert sandbox serve --port {port}'.",
        "en": "No sandbox is running on port {port}; start one with "
        "'wijkalert sandbox serve --port {port}'.",
    },
    "sms.delivered": {
        "nl": "{name} ({to}) krijgt: {body}",
        "en": "{name} ({to}) receives: {body}",
    },
    # A refused line is always shown beside its number (the import's table, the
    # sandbox's "Line 3 of ...:"), so these sentences do not repeat it.
    "import.quote_unclosed": {
        "nl": 'Deze regel opent een aanhalingsteken (") dat niet wordt gesloten; '
        "zet het sluitende aanhalingsteken erbij of haal het weg.",
        "en": 'This line opens a quote (") that is never closed; add the '
        "closing quote or remove it.",
    },
    "import.too_many_fields": {
        "nl": "Deze regel heeft meer velden dan de kopregel; staat er een komma "
        "of puntkomma in een naam of straat? Zet die dan tussen aanhalingstekens.",
        "en": "This line has more fields than the header; is there a comma or "
        "semicolon in a name or street? Then put that between quotes.",
    },
    "import.duplicate": {
        "nl": "Dit nummer staat al op regel {line} van de lijst; laat één van "
        "de twee regels weg.",
        "en": "This number is already on line {line} of the list; leave out one "
        "of the two lines.",
    },
    "import.unreadable": {
        "nl": "Deze regel is niet te lezen als CSV; sla de lijst opnieuw op als CSV.",
        "en": "This line cannot be read as CSV; save the list as CSV again.",
    },
    # The monthly report and the alert log's export (issue 6).
    "report.month_missing": {
        "nl": "Geef een maand op, zoals 2026-11.",
        "en": "Give a month, such as 2026-11.",
    },
    "report.month_invalid": {
        "nl": "'{value}' is geen maand; schrijf het jaar en de maand, zoals 2026-11.",
        "en": "'{value}' is not a month; write the year and month, such as 2026-11.",
    },
    # Report.Month.parse: a month written well, but one the log cannot hold
    # (its years are report.FIRST_YEAR to report.LAST_YEAR), or month 13.
    "report.month_out_of_range": {
        "nl": "'{value}' is geen maand die het logboek kan bevatten: dat zijn de "
        "maanden 01 tot en met 12 van de jaren 1970 tot en met 9998, zoals 2026-11.",
        "en": "'{value}' is not a month the log can hold: those are the months 01 "
        "to 12 of the years 1970 to 9998, such as 2026-11.",
    },
    "report.format_invalid": {
        "nl": "Formaat '{value}' bestaat niet; kies uit: html, csv.",
        "en": "Format '{value}' does not exist; choose from: html, csv.",
    },
    "report.month_names": {
        "nl": "januari,februari,maart,april,mei,juni,juli,augustus,september,"
        "oktober,november,december",
        "en": "January,February,March,April,May,June,July,August,September,"
        "October,November,December",
    },
    "report.weekday_names": {
        "nl": "ma,di,wo,do,vr,za,zo",
        "en": "Mon,Tue,Wed,Thu,Fri,Sat,Sun",
    },
    "report.week": {"nl": "week {week}", "en": "week {week}"},
    # A week the month's count covers only part of: at the month's edge, or
    # cut by today or by the retention.
    "report.week_day": {"nl": "(1 dag)", "en": "(1 day)"},
    "report.week_days": {"nl": "({days} dagen)", "en": "({days} days)"},
    "report.minutes": {"nl": "{minutes} min", "en": "{minutes} min"},
    # The retention (1 to 120 months) inside report.covers, report.retention,
    # report.erased_* and alerts.erased.
    "report.retention_month": {"nl": "1 maand", "en": "1 month"},
    "report.retention_months": {"nl": "{months} maanden", "en": "{months} months"},
    "report.uncategorised": {"nl": "zonder categorie", "en": "uncategorised"},
    "report.a_neighbour": {"nl": "een buur", "en": "a neighbour"},
    # Where a phone number stood in a neighbour's words.
    "report.number_removed": {"nl": "[nummer]", "en": "[number]"},
    "report.period": {
        "nl": "{first} t/m {last} {month}",
        "en": "{first} to {last} {month}",
    },
    "report.period_so_far": {
        "nl": "{first} t/m {last} {month} (de maand is nog niet voorbij)",
        "en": "{first} to {last} {month} (the month is not over yet)",
    },
    "report.month_future": {
        "nl": "{value} is nog niet begonnen; er is nog niets om over te rapporteren.",
        "en": "{value} has not begun yet; there is nothing to report on.",
    },
    "costs.month_future": {
        "nl": "{value} is nog niet begonnen; er zijn nog geen sms'jes om te tellen.",
        "en": "{value} has not begun yet; there are no SMS to count yet.",
    },
    "report.erased_part": {
        "nl": "Meldingen worden na {months} gewist: die van vóór {moment} zijn er "
        "niet meer, dus dit overzicht is onvolledig.",
        "en": "Alerts are erased after {months}: those from before {moment} are "
        "gone, so this report is incomplete.",
    },
    "report.erased_all": {
        "nl": "Meldingen worden na {months} gewist: die van {month} zijn er niet "
        "meer, dus dit overzicht kan ze niet tellen.",
        "en": "Alerts are erased after {months}: those of {month} are gone, so "
        "this report cannot count them.",
    },
    "report.title": {
        "nl": "Buurtalert {neighbourhood}: {month}",
        "en": "Neighbourhood alerts {neighbourhood}: {month}",
    },
    "report.covers": {
        "nl": "Dit overzicht beslaat {period}, in Nederlandse tijd. Meldingen worden "
        "{months} bewaard en daarna vanzelf gewist. Er staan geen "
        "telefoonnummers in.",
        "en": "This report covers {period}, in Dutch time. Alerts are kept for "
        "{months} and then erased by themselves. It holds no phone numbers.",
    },
    "report.summary": {"nl": "In het kort", "en": "At a glance"},
    "report.tile.alert": {"nl": "melding rondgestuurd", "en": "alert sent round"},
    "report.tile.alerts": {"nl": "meldingen rondgestuurd", "en": "alerts sent round"},
    "report.tile.responded": {
        "nl": "met een buur die kwam",
        "en": "with a neighbour coming",
    },
    "report.tile.first_response": {
        "nl": "tot de eerste reactie (mediaan)",
        "en": "to the first response (median)",
    },
    # The CSV has no "min" beside the number, as the tile has.
    "report.csv.first_response": {
        "nl": "minuten tot de eerste reactie (mediaan)",
        "en": "minutes to the first response (median)",
    },
    "report.tile.closed": {"nl": "afgerond", "en": "closed"},
    "report.tile.unknown": {
        "nl": "sms'jes van onbekende nummers",
        "en": "texts from unknown numbers",
    },
    "report.tile.unknown_one": {
        "nl": "sms'je van een onbekend nummer",
        "en": "text from an unknown number",
    },
    "report.tile.suppressed": {"nl": "tegengehouden", "en": "held back"},
    "report.tile.parts": {"nl": "sms-delen verstuurd", "en": "SMS parts sent"},
    "report.tile.parts_one": {"nl": "sms-deel verstuurd", "en": "SMS part sent"},
    "report.tile.cost": {"nl": "geschatte sms-kosten", "en": "estimated SMS cost"},
    "report.chart.per_week": {"nl": "Meldingen per week", "en": "Alerts per week"},
    "report.chart.per_weekday": {
        "nl": "Meldingen per dag van de week",
        "en": "Alerts by day of the week",
    },
    "report.chart.per_hour": {
        "nl": "Meldingen per uur van de dag",
        "en": "Alerts by hour of the day",
    },
    "report.chart.per_category": {
        "nl": "Meldingen per soort",
        "en": "Alerts by category",
    },
    "report.responses": {"nl": "Reacties van buren", "en": "Neighbours responding"},
    "report.responded": {
        "nl": "Bij {responded} van de {alerts} meldingen ({share}) liet ten minste "
        "één buur weten dat die kwam.",
        "en": "For {responded} of the {alerts} alerts ({share}) at least one "
        "neighbour said they were coming.",
    },
    "report.responded_none": {
        "nl": "Bij geen van de {alerts} meldingen liet een buur weten dat die kwam.",
        "en": "For none of the {alerts} alerts did a neighbour say they were coming.",
    },
    "report.responded_single": {
        "nl": "Bij de enige melding van deze maand liet ten minste één buur weten "
        "dat die kwam.",
        "en": "For the only alert this month at least one neighbour said they "
        "were coming.",
    },
    "report.none_responded": {
        "nl": "Bij de enige melding van deze maand liet geen buur weten dat die kwam.",
        "en": "For the only alert this month no neighbour said they were coming.",
    },
    "report.no_first_response": {
        "nl": "Geen buur reageerde op een melding, dus er is geen reactietijd.",
        "en": "No neighbour answered an alert, so there is no response time.",
    },
    "report.first_response": {
        "nl": "De eerste buur reageerde meestal binnen {minutes} (de mediaan).",
        "en": "The first neighbour usually answered within {minutes} (the median).",
    },
    # One alert a neighbour answered: its wait is no "usually", no median.
    "report.first_response_single": {
        "nl": "Bij de melding waarop een buur reageerde, kwam de eerste reactie "
        "binnen {minutes}.",
        "en": "On the one alert a neighbour answered, the first answer came within "
        "{minutes}.",
    },
    "report.tile.first_response_single": {
        "nl": "tot de eerste reactie",
        "en": "to the first response",
    },
    "report.closed": {"nl": "Afgeronde meldingen", "en": "Closed alerts"},
    "report.none_closed": {
        "nl": "Deze maand is geen melding afgerond.",
        "en": "No alert was closed this month.",
    },
    "report.column.received_at": {"nl": "ontvangen", "en": "received"},
    "report.column.category": {"nl": "soort", "en": "category"},
    "report.column.outcome": {"nl": "afloop", "en": "outcome"},
    "report.column.closed_by": {"nl": "afgerond door", "en": "closed by"},
    "report.column.reason": {"nl": "reden", "en": "reason"},
    "report.column.count": {"nl": "aantal", "en": "count"},
    "report.held_back": {
        "nl": "Onbekende nummers en tegengehouden berichten",
        "en": "Unknown numbers and texts held back",
    },
    "report.unknown": {
        "nl": "{count} sms'jes kwamen van nummers die niet op de lijst staan; ze "
        "zijn niet doorgestuurd.",
        "en": "{count} texts came from numbers not on the roster; they were not "
        "passed on.",
    },
    "report.unknown_one": {
        "nl": "1 sms'je kwam van een nummer dat niet op de lijst staat; het is niet "
        "doorgestuurd.",
        "en": "1 text came from a number not on the roster; it was not passed on.",
    },
    "report.unknown_none": {
        "nl": "Er kwamen geen sms'jes van nummers die niet op de lijst staan.",
        "en": "No texts came from numbers not on the roster.",
    },
    "report.none_suppressed": {
        "nl": "Er is geen bericht van een lid tegengehouden.",
        "en": "No member's text was held back.",
    },
    "report.sms": {"nl": "Sms-delen en kosten", "en": "SMS parts and cost"},
    "report.sms_recorded": {
        "nl": "Sms-delen verstuurd in {month}: {parts}, samen {cost}, zoals ze "
        "werden vastgelegd toen ze verstuurd werden; wijkalert costs toont "
        "dezelfde cijfers. Meldingen en afrondingen gingen naar alle actieve "
        "leden van dat moment, de rest naar één persoon.",
        "en": "SMS parts sent in {month}: {parts}, {cost} in all, as they were "
        "recorded when they were sent; wijkalert costs shows the same figures. "
        "Alerts and closings went to every member active at the time, the rest "
        "to one person.",
    },
    "report.sms_not_recorded": {
        "nl": "Voor {month} zijn geen verstuurde sms'jes vastgelegd.",
        "en": "No SMS sent in {month} were recorded.",
    },
    "report.sms_not_recorded_alerts": {
        "nl": "Voor {month} zijn geen verstuurde sms'jes vastgelegd, al staan er "
        "rondgestuurde meldingen in het logboek. Daarom noemt dit verslag geen "
        "aantal sms-delen of kosten, in plaats van ze te schatten met de leden "
        "van nu.",
        "en": "No SMS sent in {month} were recorded, although the alert log holds "
        "alerts sent round. So this report gives no number of SMS parts or cost, "
        "rather than guess them from today's members.",
    },
    "report.column.parts": {"nl": "sms-delen", "en": "SMS parts"},
    "report.price_assumption": {
        "nl": "Elk deel is gerekend tegen de prijs per sms-deel van het moment van "
        "versturen (nu {price}). Die prijs is een aanname voor Nederlandse "
        "mobiele nummers (zie docs/deploy.md), geen bedrag van de rekening; een "
        "coördinator zet de echte prijs met wijkalert settings --price.",
        "en": "Each part is counted at the price per SMS part of the moment it was "
        "sent (now {price}). That price is an assumption for Dutch mobile "
        "numbers (see docs/deploy.md), not a figure from the bill; a coordinator "
        "sets the real one with wijkalert settings --price.",
    },
    "report.no_alerts": {
        "nl": "In {month} zijn er geen meldingen rondgestuurd.",
        "en": "No alerts were sent round in {month}.",
    },
    "report.no_alerts_kept": {
        "nl": "In wat er van {month} nog bewaard is, zijn geen meldingen rondgestuurd.",
        "en": "In what is still kept of {month}, no alerts were sent round.",
    },
    "report.footer": {
        "nl": "Gemaakt door wijkalert op {generated}.",
        "en": "Made by wijkalert on {generated}.",
    },
    "report.csv.section": {"nl": "onderdeel", "en": "section"},
    "report.csv.item": {"nl": "item", "en": "item"},
    "report.csv.value": {"nl": "waarde", "en": "value"},
    "report.csv.period": {"nl": "periode", "en": "period"},
    "report.csv.erased": {"nl": "gewist", "en": "erased"},
    "report.csv.retention": {"nl": "bewaartermijn", "en": "retention"},
    "report.csv.note": {"nl": "opmerking", "en": "note"},
    "report.retention": {
        "nl": "Meldingen worden na {months} gewist.",
        "en": "Alerts are erased after {months}.",
    },
    "report.csv.responded": {
        "nl": "meldingen met een buur die kwam",
        "en": "alerts with a neighbour coming",
    },
    "report.csv.responded_share": {
        "nl": "aandeel meldingen met een buur die kwam",
        "en": "share of alerts with a neighbour coming",
    },
    "report.csv.part_price": {
        "nl": "prijs per sms-deel nu (EUR, aanname)",
        "en": "price per SMS part now (EUR, assumed)",
    },
    "report.csv.cost": {"nl": "sms-kosten (EUR)", "en": "SMS cost (EUR)"},
    "report.status.broadcast": {"nl": "rondgestuurd", "en": "sent round"},
    "report.status.suppressed": {"nl": "tegengehouden", "en": "held back"},
    "report.export.received_at": {"nl": "ontvangen", "en": "received"},
    "report.export.status": {"nl": "status", "en": "status"},
    "report.export.reason": {"nl": "reden", "en": "reason"},
    "report.export.category": {"nl": "soort", "en": "category"},
    "report.export.sender": {"nl": "afzender", "en": "sender"},
    "report.export.body": {"nl": "bericht", "en": "text"},
    "report.export.parts": {"nl": "delen", "en": "parts"},
    "report.export.responders": {"nl": "buren die kwamen", "en": "neighbours coming"},
    "report.export.first_response_minutes": {
        "nl": "minuten tot eerste reactie",
        "en": "minutes to first response",
    },
    "report.export.closed_at": {"nl": "afgerond", "en": "closed"},
    "report.export.outcome": {"nl": "afloop", "en": "outcome"},
    "report.export.closed_by": {"nl": "afgerond door", "en": "closed by"},
    "alert.not_found": {
        "nl": "Er is geen melding '{value}' in deze buurt.",
        "en": "There is no alert '{value}' in this neighbourhood.",
    },
    "alert.category_unknown": {
        "nl": "Soort '{value}' wordt in deze buurt niet gebruikt; kies uit: "
        "{choices}, of laat hem leeg.",
        "en": "Category '{value}' is not used in this neighbourhood; choose from: "
        "{choices}, or leave it empty.",
    },
    "alert.category_missing": {
        "nl": "Het veld 'category' ontbreekt; geef een soort, of \"\" of null om "
        "hem leeg te maken.",
        "en": "The field 'category' is missing; give a category, or \"\" or null "
        "to clear it.",
    },
    "alert.not_broadcast": {
        "nl": "Bericht '{value}' is niet als melding rondgestuurd; alleen een melding "
        "die rondging kan een soort krijgen.",
        "en": "Text '{value}' was not sent round as an alert; only an alert that "
        "went round can be given a category.",
    },
    "alerts.categorised": {
        "nl": "De melding van {received_at} is nu: {category}.",
        "en": "The alert of {received_at} is now: {category}.",
    },
    "alerts.id_empty": {
        "nl": "Geef het id van de melding op, zoals wijkalert alerts list het toont.",
        "en": "Give the alert's id, as wijkalert alerts list shows it.",
    },
    "alerts.day_empty": {
        "nl": "{option} is leeg; geef een dag, zoals 2026-11-28, of laat {option} weg.",
        "en": "{option} is empty; give a day, such as 2026-11-28, or leave out "
        "{option}.",
    },
    "alerts.erased": {
        "nl": "Meldingen worden na {months} gewist: die van vóór {moment} zijn er "
        "niet meer en staan dus niet in de export.",
        "en": "Alerts are erased after {months}: those from before {moment} are "
        "gone, so the export does not hold them.",
    },
    "alerts.exported": {
        "nl": "Meldingen weggeschreven naar {path}: {count}.",
        "en": "Alerts written to {path}: {count}.",
    },
    "report.written": {
        "nl": "Het overzicht van {month} staat in {path}.",
        "en": "The report for {month} is in {path}.",
    },
    "report.file_unwritable": {
        "nl": "Kan {path} niet schrijven: {reason}.",
        "en": "Cannot write {path}: {reason}.",
    },
    "cli.help.report": {
        "nl": "Maak het maandoverzicht voor het overleg met politie, corporaties en "
        "gemeente: één HTML-bestand dat goed afdrukt op A4, of CSV.",
        "en": "Make the monthly report for the meeting with police, housing "
        "corporations and district: one HTML file that prints well on A4, or CSV.",
    },
    "cli.help.report_month": {
        "nl": "De maand, zoals 2026-11.",
        "en": "The month, such as 2026-11.",
    },
    "cli.help.out": {
        "nl": "Schrijf naar dit bestand in plaats van naar het scherm.",
        "en": "Write to this file instead of the screen.",
    },
    "cli.help.csv": {
        "nl": "De getallen als CSV, voor een spreadsheet.",
        "en": "The numbers as CSV, for a spreadsheet.",
    },
    "cli.help.alerts_export": {
        "nl": "Schrijf de meldingen als CSV, zonder telefoonnummers.",
        "en": "Write the alerts as CSV, without phone numbers.",
    },
    "cli.help.alerts_categorise": {
        "nl": "Geef een melding een soort (zoals inbraak); '' maakt hem leeg.",
        "en": "Give an alert a category (such as inbraak); '' clears it.",
    },
    "column.id": {"nl": "id", "en": "id"},
    "column.category": {"nl": "soort", "en": "category"},
    "cli.help.sandbox_report": {
        "nl": "Maak het maandoverzicht van een verzonnen maand in Molenwijk, op "
        "de ingebouwde AWS-nabootsing.",
        "en": "Make the monthly report of a made-up month in Molenwijk, on the "
        "embedded stand-in for AWS.",
    },
    "settings.show_names_invalid": {
        "nl": "'show_names' moet true of false zijn.",
        "en": "'show_names' must be true or false.",
    },
    "settings.categories_invalid": {
        "nl": "'categories' moet een lijst van 1 tot en met {most} soorten zijn, "
        'zoals ["inbraak", "overlast"].',
        "en": "'categories' must be a list of 1 to {most} categories, such as "
        '["inbraak", "overlast"].',
    },
    "settings.category_invalid": {
        "nl": "Soort '{value}' moet één woord van 2 tot 30 letters of cijfers zijn.",
        "en": "Category '{value}' must be one word of 2 to 30 letters or digits.",
    },
    "cli.help.names": {
        "nl": "Namen tonen in het overzicht (of --hide-names: 'een buur').",
        "en": "Show names in the report (or --hide-names: 'a neighbour').",
    },
    "cli.help.categories": {
        "nl": "De soorten, met komma's gescheiden, zoals inbraak,overlast.",
        "en": "The categories, separated by commas, such as inbraak,overlast.",
    },
    "cli.help.show_names": {
        "nl": "Laat de buurt namen tonen in het overzicht.",
        "en": "Let the neighbourhood show names in the report.",
    },
}


def language_or_default(value: str | None) -> Language:
    """Return `value` if wijkalert speaks it, otherwise the default language."""
    for language in LANGUAGES:
        if value == language:
            return language
    return DEFAULT_LANGUAGE


def say(key: str, language: str | None = None, **facts: object) -> str:
    """Return the sentence `key` in `language`, with `facts` filled in."""
    return _CATALOGUE[key][language_or_default(language)].format(**facts)


def decimal(written: object, language: str | None = None) -> str:
    """A number written with a decimal point ("3.42") as the reader writes it:
    with a decimal comma in Dutch, as a Dutch spreadsheet reads it too."""
    text = str(written)
    return text.replace(".", ",") if language_or_default(language) == "nl" else text


def catalogue_keys() -> frozenset[str]:
    """Every sentence key, so tests can check each has both languages."""
    return frozenset(_CATALOGUE)
