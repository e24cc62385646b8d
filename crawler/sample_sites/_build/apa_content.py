"""APA (apa.az), Azerbaijani: articles. Ids grow with dates."""

from .trend_content import ALAT_TERMINAL

# The Trend story, republished: dateline dropped, one word changed, the last paragraph cut.
_COPY = list(ALAT_TERMINAL["paras"][:-1])
_COPY[0] = _COPY[0].removeprefix("Bakı. Trend: ")
_COPY[3] = _COPY[3].replace("kəskin artıb", "xeyli artıb")

APA = [("APA", "organization")]

ARTICLES = [
    dict(
        id=871204, category="infrastruktur", date="2025-11-14 18:44", authors=APA,
        slug="baki-limaninda-yeni-konteyner-terminali-tikilir",
        headline="Bakı limanında yeni konteyner terminalı tikilir",
        paras=_COPY,
        syndicated_from="trend:/business/economy/4126680.html",
    ),
    dict(
        id=884530, category="daxili-siyaset", date="2026-02-21 17:44", authors=APA,
        slug="milli-meclisde-yeni-vergi-mecellesi-layihesi-muzakire-olunub",
        headline="Milli Məclisdə Vergi Məcəlləsinə dəyişikliklər layihəsi müzakirə olunub",
        paras=[
            "Milli Məclisin İqtisadi siyasət, sənaye və sahibkarlıq komitəsinin iclasında Vergi Məcəlləsinə dəyişikliklər layihəsi müzakirə olunub.",
            "Layihə kiçik sahibkarlar üçün sadələşdirilmiş vergi rejiminin tətbiq dairəsinin genişləndirilməsini və elektron qaimə-fakturaların tam tətbiqini nəzərdə tutur.",
            "Komitə sədri bildirib ki, dəyişikliklər vergi inzibatçılığını asanlaşdıracaq və sahibkarların hesabat yükünü azaldacaq.",
            "Deputatlar həmçinin kənd təsərrüfatı məhsulları istehsalçıları üçün tətbiq olunan güzəştlərin müddətinin uzadılmasını təklif ediblər.",
            "Layihə plenar iclasda birinci oxunuşda müzakirəyə tövsiyə olunub.",
        ],
    ),
    dict(
        id=887961, category="medeniyyet", date="2026-03-21 20:15", authors=[("Aynur Məmmədova", "person")],
        slug="susada-novruz-bayrami-senliyi-kecirilib",
        headline="Şuşada Novruz bayramı şənliyi keçirilib",
        paras=[
            "Şuşada Novruz bayramı münasibətilə xalq şənliyi keçirilib.",
            "Cıdır düzündə təşkil olunan tədbirdə folklor kollektivləri çıxış edib, milli oyunlar və at yarışları nümayiş olunub.",
            "Şənliyə ölkənin müxtəlif bölgələrindən, eləcə də xarici ölkələrdən qonaqlar qatılıb.",
            "Şəhərin mərkəzində sənətkarların əl işlərindən ibarət sərgi-satış yarmarkası təşkil edilib.",
            "Axşam saatlarında tonqal qalanıb və bayram atəşfəşanlığı olub.",
            "Tədbir çərçivəsində uşaqlar üçün rəsm müsabiqəsi də keçirilib.",
        ],
    ),
    dict(
        id=890377, category="idman", date="2026-05-08 12:30", authors=APA,
        slug="azerbaycan-yigmasi-avropa-cempionatina-hazirlasir",
        headline="Azərbaycan cüdo yığması Avropa çempionatına hazırlaşır",
        paras=[
            "Azərbaycan cüdo yığması Avropa çempionatına hazırlıq məqsədilə Qəbələdə təlim-məşq toplanışı keçir.",
            "Toplanışda 24 idmançı iştirak edir. Məşqlər gündə iki dəfə keçirilir.",
            "Baş məşqçi bildirib ki, komandanın hədəfi ən azı üç medal qazanmaqdır.",
            "Gürcüstan və Türkiyə yığmalarının idmançıları da toplanışa qoşulub, birgə sparrinqlər keçirilir.",
            "Avropa çempionatı iyunun əvvəlində start götürəcək.",
        ],
    ),
    dict(
        id=894812, category="infrastruktur", date="2026-06-27 08:50", authors=APA,
        slug="baki-metrosunda-yeni-qatarlar-istismara-verilib",
        headline="Bakı metrosunda yeni qatarlar istismara verilib",
        paras=[
            "Bakı metrosunda daha üç yeni beşvaqonlu qatar istismara verilib.",
            "Yeni qatarlar “Qırmızı” xətt üzrə hərəkət edəcək. Vaqonlar kondisioner, videomüşahidə kameraları və məlumat ekranları ilə təchiz olunub.",
            "Metropolitendən bildiriblər ki, bununla qatarlar arasında interval pik saatlarda 2 dəqiqəyə enəcək.",
            "İl ərzində daha beş qatarın gətirilməsi planlaşdırılır.",
            "Bakı metrosu gündə orta hesabla 700 mindən çox sərnişin daşıyır.",
        ],
    ),
    dict(
        id=899046, category="energetika", date="2026-08-30 16:05", authors=APA,
        slug="qazaxistandan-azerbaycana-neft-tedaruku-artib",
        headline="Qazaxıstandan Azərbaycan üzərindən neft tədarükü artıb",
        paras=[
            "Bu ilin yanvar-iyul aylarında Qazaxıstan neftinin Azərbaycan ərazisindən tranziti 30 faizdən çox artıb.",
            "Neft Aktau limanından tankerlərlə Səngəçal terminalına daşınır və buradan Bakı–Tbilisi–Ceyhan boru kəməri ilə dünya bazarlarına çatdırılır.",
            "Qazaxıstan tərəfi tranzit həcminin ilin sonunadək daha da artırılmasında maraqlı olduğunu bildirib.",
            "Bunun üçün Xəzərdə yeni tankerlərin istifadəyə verilməsi planlaşdırılır.",
            "Ekspertlər qeyd edirlər ki, tranzit Azərbaycanın boru kəməri infrastrukturunun daha səmərəli istifadəsinə imkan yaradır.",
        ],
    ),
    dict(
        id=902118, category="medeniyyet", date="2026-10-12 11:20", authors=[("Aynur Məmmədova", "person")],
        slug="gencede-beynelxalq-kitab-sergisi-acilib",
        headline="Gəncədə beynəlxalq kitab sərgisi açılıb",
        paras=[
            "Gəncədə ilk dəfə beynəlxalq kitab sərgisi açılıb. Sərgidə 12 ölkədən 80-dən çox nəşriyyat iştirak edir.",
            "Ziyarətçilər bədii ədəbiyyat, uşaq kitabları və elmi nəşrlərlə tanış ola bilərlər.",
            "Sərgi çərçivəsində yazıçılarla görüşlər, tərcümə məsələlərinə həsr olunmuş panel müzakirələri keçiriləcək.",
            "Təşkilatçıların sözlərinə görə, sərginin hər il keçirilməsi planlaşdırılır.",
            "Sərgi oktyabrın 18-dək davam edəcək, giriş sərbəstdir.",
        ],
    ),
    dict(
        id=905533, category="biznes", date="2026-11-10 15:35", authors=APA,
        slug="azerbaycan-ozbekistan-biznes-forumu-kecirilib",
        headline="Azərbaycan–Özbəkistan biznes forumu keçirilib",
        paras=[
            "Daşkənddə Azərbaycan–Özbəkistan biznes forumu keçirilib. Forumda iki ölkənin 200-dən çox şirkəti təmsil olunub.",
            "Tədbirdə tekstil, kənd təsərrüfatı, logistika və turizm sahələrində əməkdaşlıq imkanları müzakirə edilib.",
            "Forum çərçivəsində ümumi dəyəri 300 milyon dollardan çox olan 15 kommersiya sazişi imzalanıb.",
            "Tərəflər qarşılıqlı ticarət dövriyyəsinin yaxın illərdə 1 milyard dollara çatdırılmasını hədəfləyirlər.",
            "Növbəti biznes forumunun gələn il Bakıda təşkil olunacağı bildirilib.",
        ],
    ),
]

CATEGORIES = {
    "daxili-siyaset": "Daxili siyasət",
    "infrastruktur": "İnfrastruktur",
    "energetika": "Energetika",
    "biznes": "Biznes",
    "medeniyyet": "Mədəniyyət",
    "idman": "İdman",
}
