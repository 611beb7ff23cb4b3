# ruff: noqa: E501 - a paragraph of a page is one line of its text (a line break is kept)
"""The suggested text of each site page, in English and Welsh, for the team to adapt.

The accessibility statement follows the GOV.UK model statement for the Public Sector Bodies
(Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018; what it says the site
does (and does not yet do) is what Oversight's public pages do, and how they are tested is what
tests/functional checks on every change. The privacy notice describes what the software itself
records. Both must be checked by the Commissioner's office before the site goes live: the contact
details, how long server logs are kept, and the dates.

The Welsh is a draft for review by a translator: a page saved from it is marked "Welsh not yet
reviewed" until someone ticks that a translator has checked it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from oversight.sitepages.models import Kind

WELSH_MONTHS = (
    "Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin",
    "Gorffennaf", "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr",
)  # fmt: skip


@dataclass(frozen=True)
class Contact:
    """How the public reaches the Commissioner's office, as the pages' text quotes it."""

    email: str
    phone: str
    # Lines of the postal address, one a line.
    address: str
    address_cy: str
    # Working days within which the office answers a request for another format.
    reply_days: int = 10
    # Days the web server's access log is kept.
    log_days: int = 30
    # A sentence added to the contact page (e.g. that the details are examples).
    note: str = ""
    note_cy: str = ""


# What a page not yet written starts from: the team fills in the square brackets.
PLACEHOLDERS = Contact(
    email="[e-mail address]",
    phone="[telephone number]",
    address="[postal address]",
    address_cy="[cyfeiriad post]",
)


@dataclass(frozen=True)
class PageText:
    """A page's title and text in English and Welsh."""

    title: str
    body: str
    title_cy: str
    body_cy: str


def english_date(day: dt.date) -> str:
    """Return "5 June 2025"."""
    return f"{day.day} {day:%B %Y}"


def welsh_date(day: dt.date) -> str:
    """Return "5 Mehefin 2025"."""
    return f"{day.day} {WELSH_MONTHS[day.month - 1]} {day.year}"


ACCESSIBILITY = """\
This accessibility statement applies to the {name}'s public website at {site_url}/public/: the plan, the monthly performance overview, theme summaries, the planning roadmap, open data and the answers to the Police and Crime Panel's questions.

This website is run by the {name}. We want as many people as possible to be able to use it. For example, that means you should be able to:
- change colours, contrast levels and fonts using your browser or device settings
- zoom in up to 400% without the text spilling off the screen
- navigate the whole website using just a keyboard
- navigate most of the website using speech recognition software
- listen to the website using a screen reader (including the most recent versions of JAWS, NVDA and VoiceOver)
- read every chart as words and as a table of its figures

We have also made the text as simple as possible to understand. Every figure is published as open data (CSV and JSON) that you can read in your own software.

AbilityNet has advice on making your device easier to use if you have a disability: https://mcmw.abilitynet.org.uk/

## How accessible this website is
We know some parts of this website are not fully accessible:
- some wide tables, such as the planning roadmap, need scrolling sideways on a small screen or when zoomed in
- the charts are pictures: each has a written description and a table of its figures beside it, but the picture itself cannot be explored with a screen reader
- the Police and Crime Panel's performance report is also given as a PDF, which is not yet a tagged PDF, so a screen reader may not read its headings and tables; the same report is on a web page
- the pages' headings, buttons and explanations are in English only for now; the Commissioner's own pages, such as this statement, are also in Welsh

## Feedback and contact information
If you need information on this website in a different format, such as accessible PDF, large print, easy read, audio recording or braille:
- e-mail {email}
- call {phone}
- write to: {address_inline}

We will consider your request and get back to you within {reply_days} working days. You can write to us in Welsh or English.

## Reporting accessibility problems with this website
We are always looking to improve the accessibility of this website. If you find any problems not listed on this page, or think we are not meeting accessibility requirements, contact us by e-mail at {email} or by telephone on {phone}.

## Enforcement procedure
The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the "accessibility regulations"). If you are not happy with how we respond to your complaint, contact the Equality Advisory and Support Service (EASS): https://www.equalityadvisoryservice.com/

## Technical information about this website's accessibility
The {name} is committed to making this website accessible, in accordance with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018.

### Compliance status
This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, due to the non-compliances listed below.

### Non-accessible content
The content listed below is non-accessible for the following reasons.

Non-compliance with the accessibility regulations:
- Wide tables, such as the planning roadmap, do not reflow to a single column at 320 pixels wide, so they need scrolling in two directions (success criterion 1.4.10, Reflow). We are reviewing whether each can be shown as a list on small screens.
- The Police and Crime Panel's performance report PDF has no tags, so its headings and tables are not marked as such (success criterion 1.3.1, Info and Relationships). The same report is published as a web page, which is accessible. We plan to publish tagged PDFs.

### Disproportionate burden
We are not claiming that any fix would be a disproportionate burden.

### Content that's not within the scope of the accessibility regulations
Papers prepared by other organisations and released to the Police and Crime Panel may not meet the accessibility standard. Ask us for a paper in another format and we will provide one.

## What we're doing to improve accessibility
Every type of page on this website is checked automatically, each time the website's software changes, against WCAG 2.2 levels A and AA. We will fix the problems listed above, and publish the website's headings, buttons and explanations in Welsh.

## Preparation of this accessibility statement
This statement was prepared on {prepared}. It was last reviewed on {prepared}.

This website was last tested on {prepared}. Every type of public page was tested with the axe-core accessibility engine in the Chromium browser against WCAG 2.2 levels A and AA; we also checked that each can be used with a keyboard alone, that every chart has a text description and a table of its figures, that each page prints cleanly and reads in order with styles switched off. The website has not yet been audited by an independent accessibility specialist.
"""

ACCESSIBILITY_CY = """\
Mae'r datganiad hygyrchedd hwn yn berthnasol i wefan gyhoeddus {name_cy} yn {site_url}/public/: y cynllun, y trosolwg misol o berfformiad, crynodebau'r themâu, map ffordd y cynllunio, data agored a'r atebion i gwestiynau'r Panel Heddlu a Throseddu.

{name_cy} sy'n rhedeg y wefan hon. Rydym am i gynifer o bobl â phosibl allu ei defnyddio. Er enghraifft, dylech allu:
- newid lliwiau, lefelau cyferbyniad a ffontiau drwy osodiadau eich porwr neu'ch dyfais
- chwyddo hyd at 400% heb i'r testun ddiflannu oddi ar y sgrin
- symud drwy'r wefan gyfan gan ddefnyddio bysellfwrdd yn unig
- symud drwy'r rhan fwyaf o'r wefan gan ddefnyddio meddalwedd adnabod llais
- gwrando ar y wefan gan ddefnyddio darllenydd sgrin (gan gynnwys fersiynau diweddaraf JAWS, NVDA a VoiceOver)
- darllen pob siart fel geiriau ac fel tabl o'i ffigurau

Rydym hefyd wedi gwneud y testun mor syml â phosibl i'w ddeall. Mae pob ffigur yn cael ei gyhoeddi fel data agored (CSV a JSON) y gallwch ei ddarllen yn eich meddalwedd eich hun.

Mae gan AbilityNet gyngor ar wneud eich dyfais yn haws i'w defnyddio os oes gennych anabledd: https://mcmw.abilitynet.org.uk/

## Pa mor hygyrch yw'r wefan hon
Gwyddom nad yw rhai rhannau o'r wefan hon yn gwbl hygyrch:
- mae angen sgrolio i'r ochr ar rai tablau llydan, fel map ffordd y cynllunio, ar sgrin fach neu wrth chwyddo
- lluniau yw'r siartiau: mae gan bob un ddisgrifiad ysgrifenedig a thabl o'i ffigurau wrth ei ochr, ond ni ellir archwilio'r llun ei hun gyda darllenydd sgrin
- mae adroddiad perfformiad y Panel Heddlu a Throseddu hefyd ar gael fel PDF nad yw eto'n PDF wedi'i dagio, felly efallai na fydd darllenydd sgrin yn darllen ei benawdau a'i dablau; mae'r un adroddiad ar dudalen we
- yn Saesneg yn unig y mae penawdau, botymau ac esboniadau'r tudalennau am y tro; mae tudalennau'r Comisiynydd ei hun, fel y datganiad hwn, yn Gymraeg hefyd

## Adborth a gwybodaeth gyswllt
Os oes arnoch angen gwybodaeth ar y wefan hon mewn fformat gwahanol, fel PDF hygyrch, print bras, hawdd ei ddeall, recordiad sain neu braille:
- anfonwch e-bost at {email}
- ffoniwch {phone}
- ysgrifennwch at: {address_cy_inline}

Byddwn yn ystyried eich cais ac yn ymateb o fewn {reply_days} diwrnod gwaith. Gallwch ysgrifennu atom yn Gymraeg neu yn Saesneg.

## Rhoi gwybod am broblemau hygyrchedd gyda'r wefan hon
Rydym bob amser yn ceisio gwella hygyrchedd y wefan hon. Os byddwch yn dod o hyd i unrhyw broblemau nad ydynt wedi'u rhestru ar y dudalen hon, neu os ydych o'r farn nad ydym yn bodloni'r gofynion hygyrchedd, cysylltwch â ni drwy e-bost at {email} neu dros y ffôn ar {phone}.

## Y drefn orfodi
Y Comisiwn Cydraddoldeb a Hawliau Dynol (EHRC) sy'n gyfrifol am orfodi Rheoliadau Hygyrchedd Cyrff y Sector Cyhoeddus (Gwefannau a Rhaglenni Symudol) (Rhif 2) 2018 (y "rheoliadau hygyrchedd"). Os nad ydych yn fodlon â'r ffordd yr ydym yn ymateb i'ch cwyn, cysylltwch â'r Gwasanaeth Cynghori a Chymorth Cydraddoldeb (EASS): https://www.equalityadvisoryservice.com/

## Gwybodaeth dechnegol am hygyrchedd y wefan hon
Mae {name_cy} wedi ymrwymo i wneud y wefan hon yn hygyrch, yn unol â Rheoliadau Hygyrchedd Cyrff y Sector Cyhoeddus (Gwefannau a Rhaglenni Symudol) (Rhif 2) 2018.

### Statws cydymffurfio
Mae'r wefan hon yn cydymffurfio'n rhannol â safon AA fersiwn 2.2 y Canllawiau Hygyrchedd Cynnwys y We, oherwydd yr achosion o beidio â chydymffurfio a restrir isod.

### Cynnwys nad yw'n hygyrch
Nid yw'r cynnwys a restrir isod yn hygyrch am y rhesymau canlynol.

Peidio â chydymffurfio â'r rheoliadau hygyrchedd:
- Nid yw tablau llydan, fel map ffordd y cynllunio, yn ail-lifo i un golofn ar led o 320 picsel, felly mae angen sgrolio i ddau gyfeiriad (maen prawf llwyddiant 1.4.10, Ail-lifo). Rydym yn ystyried a ellir dangos pob un fel rhestr ar sgriniau bach.
- Nid oes tagiau yn PDF adroddiad perfformiad y Panel Heddlu a Throseddu, felly nid yw ei benawdau a'i dablau wedi'u marcio felly (maen prawf llwyddiant 1.3.1, Gwybodaeth a Pherthnasoedd). Mae'r un adroddiad yn cael ei gyhoeddi fel tudalen we, sy'n hygyrch. Rydym yn bwriadu cyhoeddi PDFs wedi'u tagio.

### Baich anghymesur
Nid ydym yn honni y byddai unrhyw waith trwsio yn faich anghymesur.

### Cynnwys nad yw o fewn cwmpas y rheoliadau hygyrchedd
Efallai na fydd papurau a baratowyd gan sefydliadau eraill ac a ryddhawyd i'r Panel Heddlu a Throseddu yn bodloni'r safon hygyrchedd. Gofynnwch i ni am bapur mewn fformat arall a byddwn yn ei ddarparu.

## Beth rydym yn ei wneud i wella hygyrchedd
Mae pob math o dudalen ar y wefan hon yn cael ei gwirio'n awtomatig, bob tro y mae meddalwedd y wefan yn newid, yn erbyn lefelau A ac AA WCAG 2.2. Byddwn yn trwsio'r problemau a restrir uchod, ac yn cyhoeddi penawdau, botymau ac esboniadau'r wefan yn Gymraeg.

## Paratoi'r datganiad hygyrchedd hwn
Paratowyd y datganiad hwn ar {prepared_cy}. Fe'i hadolygwyd ddiwethaf ar {prepared_cy}.

Profwyd y wefan hon ddiwethaf ar {prepared_cy}. Profwyd pob math o dudalen gyhoeddus gyda pheiriant hygyrchedd axe-core ym mhorwr Chromium yn erbyn lefelau A ac AA WCAG 2.2; gwnaethom hefyd wirio bod modd defnyddio pob un gyda bysellfwrdd yn unig, bod gan bob siart ddisgrifiad testun a thabl o'i ffigurau, a bod pob tudalen yn argraffu'n lân ac yn darllen yn eu trefn heb arddulliau. Nid yw'r wefan wedi'i harchwilio eto gan arbenigwr hygyrchedd annibynnol.
"""

PRIVACY = """\
This notice explains what personal information the {name}'s public website collects, why, and what your rights are. The {name} is the data controller for it.

## When you read this website
You do not need an account, and reading the public pages sets no cookies. There is no analytics, no advertising and nothing from other websites: every page, picture and script comes from this website itself.

Like every web server, ours records each request it answers: your internet (IP) address, the page asked for, the time, and the name of your browser. We use these records only to keep the website working and secure, and delete them after {log_days} days.

## What we publish
The website publishes statistics about policing and crime, the Police and Crime Plan, and the Commissioner's Strategic Board's ratings of performance. It publishes no personal information. Where a figure for a small area is so small that it could help identify someone, it is withheld.

Where the Commissioner publishes a Police and Crime Panel member's question and its answer, the member is not named.

## When you contact us
If you e-mail, write or call, we use your name, contact details and what you tell us to answer you, and keep them only as long as we need to deal with your enquiry and any follow-up. We rely on our public task (UK GDPR article 6(1)(e)) to do so. We do not share your details unless the law requires it, or you have asked us to pass your enquiry on, for example to the police.

## When you sign in
The Commissioner's team, the Chief Constable's team, partners and Police and Crime Panel members sign in to prepare and scrutinise the reports. Signing in sets two cookies that the website cannot work without: a session cookie, which keeps you signed in and is deleted when you sign out or after two weeks, and a security cookie (csrftoken), which protects forms from forgery and is kept by your browser for up to a year. A message shown once after a change may be kept in a third cookie until it is shown. What signed-in users change is recorded with their name, in an audit trail that is the record of how the reports were made.

## Your rights
You have the right to ask for a copy of the personal information we hold about you, and to ask us to correct it, delete it, or stop or limit using it. To ask, contact us at {email}, by telephone on {phone}, or write to: {address_inline}

## Complaints
If you are unhappy with how we have used your personal information, tell us first. You can also complain to the Information Commissioner's Office (ICO): https://ico.org.uk/make-a-complaint/, telephone 0303 123 1113, or write to the Information Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF.

This notice was last updated on {prepared}.
"""

PRIVACY_CY = """\
Mae'r hysbysiad hwn yn esbonio pa wybodaeth bersonol y mae gwefan gyhoeddus {name_cy} yn ei chasglu, pam, a beth yw eich hawliau. {name_cy} yw'r rheolydd data ar ei chyfer.

## Pan fyddwch yn darllen y wefan hon
Nid oes angen cyfrif arnoch, ac nid yw darllen y tudalennau cyhoeddus yn gosod unrhyw gwcis. Nid oes dadansoddeg, dim hysbysebu a dim byd o wefannau eraill: daw pob tudalen, llun a sgript o'r wefan hon ei hun.

Fel pob gweinydd gwe, mae ein gweinydd ni yn cofnodi pob cais y mae'n ei ateb: eich cyfeiriad rhyngrwyd (IP), y dudalen y gofynnwyd amdani, yr amser, ac enw eich porwr. Rydym yn defnyddio'r cofnodion hyn i gadw'r wefan yn gweithio ac yn ddiogel yn unig, ac yn eu dileu ar ôl {log_days} diwrnod.

## Beth rydym yn ei gyhoeddi
Mae'r wefan yn cyhoeddi ystadegau am blismona a throseddu, y Cynllun Heddlu a Throseddu, a graddau Bwrdd Strategol y Comisiynydd ar gyfer perfformiad. Nid yw'n cyhoeddi unrhyw wybodaeth bersonol. Pan fo ffigur ar gyfer ardal fach mor fach y gallai helpu i adnabod rhywun, caiff ei ddal yn ôl.

Pan fo'r Comisiynydd yn cyhoeddi cwestiwn gan aelod o'r Panel Heddlu a Throseddu a'i ateb, nid yw'r aelod yn cael ei enwi.

## Pan fyddwch yn cysylltu â ni
Os byddwch yn anfon e-bost, yn ysgrifennu neu'n ffonio, rydym yn defnyddio eich enw, eich manylion cyswllt a'r hyn a ddywedwch wrthym i'ch ateb, ac yn eu cadw dim ond cyhyd ag y mae eu hangen arnom i ddelio â'ch ymholiad ac unrhyw waith dilynol. Rydym yn dibynnu ar ein tasg gyhoeddus (erthygl 6(1)(e) GDPR y DU) i wneud hynny. Nid ydym yn rhannu eich manylion oni bai bod y gyfraith yn gofyn i ni wneud hynny, neu eich bod wedi gofyn i ni drosglwyddo eich ymholiad, er enghraifft i'r heddlu.

## Pan fyddwch yn mewngofnodi
Mae tîm y Comisiynydd, tîm y Prif Gwnstabl, partneriaid ac aelodau'r Panel Heddlu a Throseddu yn mewngofnodi i baratoi a chraffu ar yr adroddiadau. Mae mewngofnodi yn gosod dau gwci na all y wefan weithio hebddynt: cwci sesiwn, sy'n eich cadw wedi mewngofnodi ac a ddilëir pan fyddwch yn allgofnodi neu ar ôl pythefnos, a chwci diogelwch (csrftoken), sy'n diogelu ffurflenni rhag ffugio ac a gedwir gan eich porwr am hyd at flwyddyn. Gellir cadw neges a ddangosir unwaith ar ôl newid mewn trydydd cwci nes iddi gael ei dangos. Caiff yr hyn y mae defnyddwyr wedi mewngofnodi yn ei newid ei gofnodi gyda'u henw, mewn trywydd archwilio sy'n gofnod o sut y lluniwyd yr adroddiadau.

## Eich hawliau
Mae gennych hawl i ofyn am gopi o'r wybodaeth bersonol sydd gennym amdanoch, ac i ofyn i ni ei chywiro, ei dileu, neu roi'r gorau i'w defnyddio neu gyfyngu ar ei defnydd. I ofyn, cysylltwch â ni yn {email}, dros y ffôn ar {phone}, neu ysgrifennwch at: {address_cy_inline}

## Cwynion
Os ydych yn anfodlon â'r ffordd yr ydym wedi defnyddio eich gwybodaeth bersonol, rhowch wybod i ni yn gyntaf. Gallwch hefyd gwyno i Swyddfa'r Comisiynydd Gwybodaeth (ICO): https://ico.org.uk/make-a-complaint/, ffôn 0303 123 1113, neu ysgrifennwch at Swyddfa'r Comisiynydd Gwybodaeth, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF.

Diweddarwyd yr hysbysiad hwn ddiwethaf ar {prepared_cy}.
"""

CONTACT = """\
{note}

## In an emergency, or to report a crime
This office cannot take reports of crime. In an emergency, call 999. To contact the police when it is not an emergency, call 101. If you are deaf or cannot speak on the telephone, you can call 999 through Relay UK by dialling 18000.

## The Commissioner's office
E-mail: {email}
Telephone: {phone}

Post:
{address}

You are welcome to write to us or call us in Welsh or English. We will reply in the language you use, and a reply in Welsh will not take longer.

## Another format or language
If you need any page of this website, or any figure it publishes, in another format (such as large print, easy read, audio or braille) or in a language other than English or Welsh, tell us and we will reply within {reply_days} working days. The accessibility statement says more.

## Complaints
- About a police officer or member of police staff: contact the police force's Professional Standards Department.
- About the Chief Constable: contact the Commissioner's office, which deals with complaints about the Chief Constable.
- About the Commissioner: contact the Police and Crime Panel, which deals with complaints about the Commissioner.

## Questions about the published figures
The Police and Crime Panel scrutinises the Commissioner. The questions its members have asked about the published reports, with their answers, are on the website's "Answers to the Panel" page. Questions from the public about the figures are welcome at {email}.
"""

CONTACT_CY = """\
{note_cy}

## Mewn argyfwng, neu i roi gwybod am drosedd
Ni all y swyddfa hon dderbyn adroddiadau am droseddau. Mewn argyfwng, ffoniwch 999. I gysylltu â'r heddlu pan nad yw'n argyfwng, ffoniwch 101. Os ydych yn fyddar neu'n methu siarad ar y ffôn, gallwch ffonio 999 drwy Relay UK drwy ddeialu 18000.

## Swyddfa'r Comisiynydd
E-bost: {email}
Ffôn: {phone}

Post:
{address_cy}

Mae croeso i chi ysgrifennu atom neu ein ffonio yn Gymraeg neu yn Saesneg. Byddwn yn ateb yn yr iaith a ddefnyddiwch, ac ni fydd ateb yn Gymraeg yn cymryd mwy o amser.

## Fformat neu iaith arall
Os oes arnoch angen unrhyw dudalen ar y wefan hon, neu unrhyw ffigur y mae'n ei gyhoeddi, mewn fformat arall (fel print bras, hawdd ei ddeall, sain neu braille) neu mewn iaith heblaw Cymraeg neu Saesneg, rhowch wybod i ni a byddwn yn ateb o fewn {reply_days} diwrnod gwaith. Mae'r datganiad hygyrchedd yn dweud rhagor.

## Cwynion
- Am swyddog heddlu neu aelod o staff yr heddlu: cysylltwch ag Adran Safonau Proffesiynol yr heddlu.
- Am y Prif Gwnstabl: cysylltwch â swyddfa'r Comisiynydd, sy'n delio â chwynion am y Prif Gwnstabl.
- Am y Comisiynydd: cysylltwch â'r Panel Heddlu a Throseddu, sy'n delio â chwynion am y Comisiynydd.

## Cwestiynau am y ffigurau a gyhoeddwyd
Mae'r Panel Heddlu a Throseddu yn craffu ar waith y Comisiynydd. Mae'r cwestiynau y mae ei aelodau wedi'u gofyn am yr adroddiadau a gyhoeddwyd, gyda'u hatebion, ar dudalen "Answers to the Panel" y wefan. Mae croeso i gwestiynau gan y cyhoedd am y ffigurau yn {email}.
"""

_TEXTS = {
    Kind.ACCESSIBILITY: (
        "Accessibility statement",
        ACCESSIBILITY,
        "Datganiad hygyrchedd",
        ACCESSIBILITY_CY,
    ),
    Kind.PRIVACY: ("Privacy notice", PRIVACY, "Hysbysiad preifatrwydd", PRIVACY_CY),
    Kind.CONTACT: (
        "Contact the Commissioner's office",
        CONTACT,
        "Cysylltu â swyddfa'r Comisiynydd",
        CONTACT_CY,
    ),
}


def suggested(
    kind: str, *, name: str, name_cy: str, site_url: str, contact: Contact, prepared: dt.date
) -> PageText:
    """Return the suggested text of the page ``kind`` for this Commissioner and contact."""
    title, body, title_cy, body_cy = _TEXTS[Kind(kind)]
    values = {
        "name": name,
        "name_cy": name_cy,
        "site_url": site_url.rstrip("/"),
        "email": contact.email,
        "phone": contact.phone,
        "address": contact.address,
        "address_cy": contact.address_cy,
        "address_inline": ", ".join(contact.address.splitlines()),
        "address_cy_inline": ", ".join(contact.address_cy.splitlines()),
        "reply_days": contact.reply_days,
        "log_days": contact.log_days,
        "note": contact.note,
        "note_cy": contact.note_cy,
        "prepared": english_date(prepared),
        "prepared_cy": welsh_date(prepared),
    }
    return PageText(
        title=title,
        body=body.format(**values).strip(),
        title_cy=title_cy,
        body_cy=body_cy.format(**values).strip(),
    )
