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
        "nl": "De inhoud van het verzoek moet een JSON-object zijn, zoals "
        '{{"phone": "06-12345601", "name": "Jan"}}.',
        "en": "The request body must be a JSON object, such as "
        '{{"phone": "06-12345601", "name": "Jan"}}.',
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
    "api.dates_reversed": {
        "nl": "De begindatum ligt na de einddatum.",
        "en": "The start date is after the end date.",
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
        "Niemand krijgt iets, ook de afzender niet: onbekenden krijgen geen "
        "antwoord.",
        "en": "   A number that is not on the roster ({sender}) sends a text. "
        "Nobody receives anything, the sender included: strangers get no reply.",
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
    # Command-line help.
    "cli.help": {
        "nl": "wijkalert: het sms-alarm van de buurt. Zet WIJKALERT_LANG=en voor "
        "Engels.",
        "en": "wijkalert: the neighbourhood's SMS alert. Set WIJKALERT_LANG=nl for "
        "Dutch.",
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
    "sandbox.no_such_file": {
        "nl": "het bestand bestaat niet",
        "en": "the file does not exist",
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
    "cli.help.token": {
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
    "cli.help.from": {
        "nl": "Het nummer dat de sms stuurt, bijvoorbeeld 06-12345601.",
        "en": "The number sending the text, for example 06-12345601.",
    },
    "cli.help.to": {
        "nl": "Het nummer van de buurt dat de sms ontvangt.",
        "en": "The neighbourhood's number that receives the text.",
    },
    "cli.help.json": {
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
    "import.unreadable": {
        "nl": "Regel {line} van de lijst is niet te lezen als CSV; sla de lijst "
        "opnieuw op als CSV.",
        "en": "Line {line} of the list cannot be read as CSV; save the list as CSV "
        "again.",
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


def catalogue_keys() -> frozenset[str]:
    """Every sentence key, so tests can check each has both languages."""
    return frozenset(_CATALOGUE)
