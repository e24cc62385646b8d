"""Report.az: articles in Azerbaijani (at the root) and Russian (under /ru/).

``junk`` lines are printed as the last paragraphs of the body but are not article text
("Mənbə: ...", "Источник: ...").
"""

from .trend_content import ALAT_TERMINAL

# The Trend story, republished with small edits: dateline dropped, a few words changed, source line added.
_COPY = [p for p in ALAT_TERMINAL["paras"]]
_COPY[0] = "Bakı Beynəlxalq Dəniz Ticarət Limanında yeni konteyner terminalının tikintisinə start verilib. Bu barədə limanın mətbuat xidməti məlumat yayıb."
_COPY[2] = _COPY[2].replace("nəzərdə tutulur", "planlaşdırılır")

ARTICLES = [
    dict(
        lang="az", category="infrastruktur", slug="elet-limaninda-yeni-konteyner-terminalinin-tikintisine-start-verilib",
        date="2025-11-14 18:20",
        headline="Ələt limanında yeni konteyner terminalının tikintisinə start verilib",
        paras=_COPY,
        junk=["Mənbə: Trend"],
        syndicated_from="trend:/business/economy/4126680.html",
    ),
    dict(
        lang="az", category="infrastruktur", slug="xezerde-firtina-sebebinden-bere-reysleri-texire-salinib",
        date="2025-12-01 23:43",
        headline="Xəzərdə fırtına səbəbindən bərə reysləri təxirə salınıb",
        paras=[
            "Xəzər dənizində güclü küləklə əlaqədar Ələt–Kurık və Ələt–Türkmənbaşı istiqamətlərində bərə reysləri müvəqqəti təxirə salınıb.",
            "Azərbaycan Xəzər Dəniz Gəmiçiliyindən Report-a bildiriblər ki, küləyin sürəti bəzi ərazilərdə saniyədə 30 metrə çatıb.",
            "Limanda hazırda 300-dən çox vaqon və yük maşını gözləyir. Hava şəraiti yaxşılaşdıqdan sonra reyslər növbə qaydasında bərpa olunacaq.",
            "Milli Hidrometeorologiya Xidməti küləyin dekabrın 3-dək davam edəcəyini proqnozlaşdırır.",
            "Sürücülərə liman ərazisində müvəqqəti istirahət məntəqələri ayrılıb.",
        ],
        junk=[],
    ),
    dict(
        lang="az", category="kend-teserrufati", slug="azerbaycan-taxil-idxalini-azaltmagi-planlasdirir",
        date="2026-01-20 11:36",
        headline="Azərbaycan taxıl idxalını azaltmağı planlaşdırır",
        paras=[
            "Azərbaycanda 2026-cı ildə taxıl istehsalının 3,6 milyon tona çatdırılması hədəflənir.",
            "Kənd Təsərrüfatı Nazirliyinin proqnozuna görə, yeni suvarma sistemlərinin istifadəyə verilməsi və yüksək məhsuldar toxumların tətbiqi hesabına məhsuldarlıq hektardan 3,5 tona qədər yüksələ bilər.",
            "Bu, ərzaq buğdasının idxalını təxminən 15 faiz azaltmağa imkan verəcək.",
            "Nazirlik fermerlərə gübrə və yanacaq üçün subsidiyaların ödənilməsi qaydalarını da sadələşdirib.",
            "Ötən il ölkəyə 1,2 milyon ton buğda idxal edilib, onun böyük hissəsi Qazaxıstan və Rusiyadan gətirilib.",
            "Mütəxəssislər qeyd edirlər ki, quraqlıq riskləri səbəbindən suvarma infrastrukturunun genişləndirilməsi əsas prioritet olaraq qalır.",
        ],
        junk=[],
    ),
    dict(
        lang="az", category="idman", slug="baki-marafonu-2026-ucun-qeydiyyat-baslayib",
        date="2026-04-14 10:02",
        headline="“Bakı Marafonu 2026” üçün qeydiyyat başlayıb",
        paras=[
            "Bu il keçiriləcək “Bakı Marafonu 2026” yarışına qeydiyyat başlayıb.",
            "Təşkilatçıların məlumatına görə, yarış may ayının sonunda Dənizkənarı Milli Parkda start götürəcək və iştirakçılar 21 kilometrlik məsafəni qət edəcəklər.",
            "Bu il ilk dəfə olaraq sağlamlıq imkanları məhdud şəxslər üçün ayrıca kateqoriya nəzərdə tutulub.",
            "Qeydiyyat onlayn qaydada aparılır və iştirak pulsuzdur. İştirakçıların sayının 25 mini ötəcəyi gözlənilir.",
            "Yarış günü şəhərin mərkəzində bəzi küçələrdə nəqliyyatın hərəkəti məhdudlaşdırılacaq.",
        ],
        junk=[],
    ),
    dict(
        lang="az", category="infrastruktur", slug="naxcivanda-yeni-hava-limani-terminali-insa-edilecek",
        date="2026-06-03 15:27",
        headline="Naxçıvanda yeni hava limanı terminalı inşa ediləcək",
        paras=[
            "Naxçıvan Beynəlxalq Hava Limanında yeni sərnişin terminalının tikintisinə başlanılacaq.",
            "Terminalın ildə 1,5 milyon sərnişinə xidmət göstərməsi nəzərdə tutulur. Binada 12 qeydiyyat masası, dörd teleskopik trap və yeni bagaj sistemi olacaq.",
            "Layihənin icrasına türk podratçı şirkət cəlb edilib, işlərin iki il ərzində başa çatdırılması planlaşdırılır.",
            "Hazırda Naxçıvandan Bakı, İstanbul, Moskva və digər şəhərlərə müntəzəm reyslər həyata keçirilir.",
            "Yeni terminal istifadəyə verildikdən sonra köhnə bina yük terminalına çevriləcək.",
        ],
        junk=[],
    ),
    dict(
        lang="az", category="energetika", slug="azerbaycan-ve-turkmenistan-qaz-sahesinde-emekdasligi-muzakire-edib",
        date="2026-08-11 13:48",
        headline="Azərbaycan və Türkmənistan qaz sahəsində əməkdaşlığı müzakirə edib",
        paras=[
            "Azərbaycan və Türkmənistanın energetika nazirlikləri arasında Aşqabadda məsləhətləşmələr keçirilib.",
            "Görüşdə Türkmənistan qazının Azərbaycan ərazisindən tranzitinin həcminin artırılması və Xəzər dənizində birgə layihələr müzakirə olunub.",
            "Tərəflər svop əməliyyatları çərçivəsində tədarükün texniki məsələlərini nəzərdən keçiriblər.",
            "Türkmən tərəfi Xəzərin dibi ilə boru kəmərinin texniki-iqtisadi əsaslandırmasının yenilənməsinə maraq göstərib.",
            "Məsləhətləşmələrin növbəti raundunun payızda Bakıda keçirilməsi razılaşdırılıb.",
        ],
        junk=[],
    ),
    dict(
        lang="ru", category="energetika", slug="v-baku-obsudili-razvitie-zelenoy-energetiki",
        date="2026-05-27 12:14",
        headline="В Баку обсудили развитие зеленой энергетики",
        paras=[
            "В Баку прошла международная конференция, посвященная развитию возобновляемых источников энергии в Каспийском регионе.",
            "Участники обсудили строительство ветровых электростанций на море, производство зеленого водорода и экспорт электроэнергии в Европу.",
            "Как отметили представители Министерства энергетики, к 2030 году доля возобновляемых источников в энергобалансе Азербайджана должна достичь 30%.",
            "Отдельная сессия была посвящена финансированию проектов: международные банки заявили о готовности выделить кредиты на строительство сетевой инфраструктуры.",
            "По итогам конференции было подписано несколько меморандумов о сотрудничестве.",
        ],
        junk=["Источник: пресс-служба Министерства энергетики"],
    ),
    dict(
        lang="ru", category="biznes", slug="azerbaydzhan-uvelichil-eksport-hurmy",
        date="2026-10-05 09:18",
        headline="Азербайджан увеличил экспорт хурмы",
        paras=[
            "Экспорт хурмы из Азербайджана за девять месяцев текущего года вырос на 24% по сравнению с аналогичным периодом прошлого года.",
            "Основными покупателями стали Россия, Казахстан и Беларусь. Впервые небольшие партии были отправлены в страны Персидского залива.",
            "Большая часть урожая выращивается в Гёйчайском, Агдашском и Барде районах.",
            "Фермеры отмечают, что в этом году благоприятная погода позволила собрать урожай раньше обычного.",
            "Средняя экспортная цена хурмы составила около 0,9 доллара за килограмм.",
        ],
        junk=[],
    ),
]

CATEGORIES = {
    "az": {
        "infrastruktur": "İnfrastruktur",
        "energetika": "Energetika",
        "kend-teserrufati": "Kənd təsərrüfatı",
        "idman": "İdman",
    },
    "ru": {
        "energetika": "Энергетика",
        "biznes": "Бизнес",
    },
}
