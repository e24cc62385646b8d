"""Trend (www.trend.az), Azerbaijani: articles. The first paragraph opens with the dateline ``Bakı. Trend:``.

``ALAT_TERMINAL`` is the agency story that report_az and apa republish nearly verbatim.
"""

ALAT_TERMINAL = dict(
    id=4126680, category="business/economy", date="2025-11-14 17:57",
    headline="Ələt limanında yeni konteyner terminalının tikintisinə başlanılıb",
    paras=[
        "Bakı. Trend: Bakı Beynəlxalq Dəniz Ticarət Limanında yeni konteyner terminalının tikintisinə başlanılıb. Bu barədə limanın mətbuat xidməti məlumat yayıb.",
        "Bildirilib ki, terminalın ilkin ötürmə qabiliyyəti ildə 250 min iyirmi futluq ekvivalent konteyner (TEU) təşkil edəcək. Sonrakı mərhələdə bu göstəricinin 500 min TEU-ya çatdırılması planlaşdırılır.",
        "Layihə çərçivəsində yeni yanalma körpüsü, konteyner meydançası, dəmir yolu xətti və gömrük yoxlama kompleksi inşa ediləcək. Tikinti işlərinin 2027-ci ilin sonunadək başa çatdırılması nəzərdə tutulur.",
        "Limanın rəhbərliyi qeyd edib ki, son iki ildə Orta Dəhliz üzrə konteyner daşımalarının həcmi kəskin artıb və mövcud infrastruktur tələbatı tam ödəmir.",
        "Yeni terminalın istismara verilməsi ilə Çindən və Mərkəzi Asiyadan Avropaya gedən yüklərin limanda gözləmə müddətinin iki dəfə azalacağı gözlənilir.",
        "Qeyd edək ki, Bakı limanı Ələt Azad İqtisadi Zonasının ərazisində yerləşir.",
    ],
)

ARTICLES = [
    ALAT_TERMINAL,
    dict(
        id=4130912, category="azerbaijan/politics", date="2025-12-06 15:49",
        headline="Azərbaycan və Macarıstan enerji sahəsində əməkdaşlığı genişləndirir",
        paras=[
            "Bakı. Trend: Azərbaycan və Macarıstan arasında enerji sahəsində əməkdaşlığın genişləndirilməsinə dair yeni memorandum imzalanıb.",
            "Sənəd təbii qaz tədarükü, bərpa olunan enerji mənbələri və elektrik enerjisinin ötürülməsi sahələrində birgə layihələrin həyata keçirilməsini nəzərdə tutur.",
            "Tərəflər həmçinin Xəzər–Qara dəniz–Avropa yaşıl enerji dəhlizi layihəsi çərçivəsində texniki məsləhətləşmələrin davam etdirilməsi barədə razılığa gəliblər.",
            "Macarıstan nümayəndə heyəti səfər çərçivəsində Səngəçal terminalı ilə də tanış olub.",
            "Qeyd edək ki, Macarıstan Azərbaycan qazını 2023-cü ildən idxal edir.",
        ],
    ),
    dict(
        id=4137005, category="business/energy", date="2026-01-15 10:31",
        headline="Şahdəniz yatağından ötən il 27 milyard kubmetrdən çox qaz hasil edilib",
        paras=[
            "Bakı. Trend: Ötən il “Şahdəniz” yatağından 27,3 milyard kubmetr təbii qaz və 3,9 milyon ton kondensat hasil edilib.",
            "Bu barədə Energetika Nazirliyinin illik hesabatında bildirilir. Hasilat əvvəlki illə müqayisədə təxminən 2 faiz çox olub.",
            "Hasil edilən qazın böyük hissəsi Cənub Qaz Dəhlizi vasitəsilə Türkiyə və Avropa ölkələrinə ixrac edilib.",
            "Yataqda yeni quyuların qazılması davam etdirilir. Layihə tərəfdaşları hasilatın yaxın illərdə sabit səviyyədə saxlanılacağını gözləyirlər.",
            "“Şahdəniz” dünyanın ən böyük qaz-kondensat yataqlarından biridir.",
        ],
    ),
    dict(
        id=4141288, category="business/economy", date="2026-02-24 12:20",
        headline="Ələt limanının yeni terminalı üçün ilk konteyner kranları gətirilib",
        follow_up_of="trend:/business/economy/4126680.html",
        paras=[
            "Bakı. Trend: Ələtdə inşa edilən yeni konteyner terminalı üçün ilk dörd körpü kranı limana çatdırılıb.",
            "Kranlar Çində istehsal olunub və Xəzər dənizi ilə xüsusi yük gəmisində daşınıb. Onların hər biri saatda 30-a qədər konteyneri emal etməyə imkan verir.",
            "Limanın mətbuat xidmətinin məlumatına görə, yanalma körpüsünün tikintisi 40 faiz tamamlanıb, konteyner meydançasında isə asfaltlama işləri davam edir.",
            "Terminalın birinci növbəsinin gözləniləndən tez – 2027-ci ilin ortalarında istifadəyə verilməsi mümkündür.",
            "Layihəyə beynəlxalq maliyyə institutlarının da cəlb olunduğu bildirilir.",
        ],
    ),
    dict(
        id=4150774, category="azerbaijan/society", date="2026-04-08 09:05",
        headline="Bakıda yeni elektrik avtobus marşrutları istifadəyə verilir",
        paras=[
            "Bakı. Trend: Paytaxtda daha beş marşrut xəttinə elektrik avtobuslar buraxılacaq.",
            "Bakı Nəqliyyat Agentliyinin məlumatına görə, yeni avtobuslar Yasamal, Nəsimi və Xətai rayonlarından keçən marşrutlarda hərəkət edəcək.",
            "Hər avtobus bir dəfə doldurulduqdan sonra 250 kilometrədək məsafə qət edə bilir. Avtobuslar gecə saatlarında depoda enerji ilə doldurulacaq.",
            "Agentlik bildirib ki, il ərzində şəhərdə elektrik avtobusların sayı 200-ü ötəcək.",
            "Sərnişinlər üçün gediş haqqı dəyişməz qalacaq.",
            "Yeni marşrutlarda dayanacaqlar elektron məlumat lövhələri ilə təchiz olunub.",
        ],
    ),
    dict(
        id=4158120, category="sport", date="2026-05-19 16:40",
        headline="Azərbaycan gimnastları Dünya Kubokunda iki medal qazanıb",
        paras=[
            "Bakı. Trend: Azərbaycan gimnastları Bakıda keçirilən idman gimnastikası üzrə Dünya Kubokunda bir qızıl və bir gümüş medal qazanıblar.",
            "Qızıl medal tullanma hərəkətlərində, gümüş medal isə qollu at üzərində hərəkətlərdə qazanılıb.",
            "Yarışlarda 30 ölkədən 200-ə yaxın gimnast iştirak edib.",
            "Milli Gimnastika Arenasında keçirilən final yarışlarını minlərlə tamaşaçı izləyib.",
            "Azərbaycan Gimnastika Federasiyası bildirib ki, növbəti mərhələ iyun ayında Avropada keçiriləcək.",
        ],
    ),
    dict(
        id=4166931, category="azerbaijan/politics", date="2026-07-03 11:12",
        headline="Bakıda Xəzəryanı ölkələrin xarici işlər nazirlərinin müavinlərinin görüşü keçirilib",
        paras=[
            "Bakı. Trend: Bakıda Xəzəryanı ölkələrin xarici işlər nazirlərinin müavinlərinin növbəti görüşü keçirilib.",
            "Görüşdə Xəzər dənizinin hüquqi statusu haqqında Konvensiyanın icrası, ekoloji təhlükəsizlik və nəqliyyat əlaqələri müzakirə olunub.",
            "Tərəflər Xəzərin çirklənmədən qorunması üzrə birgə monitorinq proqramının hazırlanmasını vacib hesab ediblər.",
            "Görüşün yekununda birgə protokol imzalanıb.",
            "Növbəti görüşün Aşqabadda keçirilməsi razılaşdırılıb.",
        ],
    ),
    dict(
        id=4179402, category="business/energy", date="2026-09-22 14:25",
        headline="Azərbaycanda günəş elektrik stansiyalarının ümumi gücü 1 qiqavatı ötüb",
        paras=[
            "Bakı. Trend: Azərbaycanda günəş elektrik stansiyalarının ümumi quraşdırılmış gücü 1 qiqavatı ötüb.",
            "Bu, Biləsuvar və Neftçala rayonlarında inşa edilən yeni stansiyaların şəbəkəyə qoşulmasından sonra mümkün olub.",
            "Energetika Nazirliyinin məlumatına görə, bərpa olunan mənbələrin ölkədə elektrik enerjisi istehsalında payı 20 faizə yaxınlaşıb.",
            "Növbəti illərdə külək və günəş stansiyalarının gücünün daha da artırılması, həmçinin enerji saxlama sistemlərinin quraşdırılması planlaşdırılır.",
            "Ekspertlər bildirirlər ki, bu, təbii qazın daha çox hissəsinin ixrac üçün qənaət edilməsinə imkan verir.",
        ],
    ),
    dict(
        id=4185517, category="business/economy", date="2026-10-30 18:03",
        headline="Bakı Fond Birjasında oktyabrda əqdlərin həcmi artıb",
        paras=[
            "Bakı. Trend: Bakı Fond Birjasında oktyabr ayında bağlanmış əqdlərin ümumi həcmi 2,1 milyard manat təşkil edib.",
            "Bu, ötən ilin eyni dövrü ilə müqayisədə 18 faiz çoxdur. Əqdlərin əsas hissəsi dövlət qiymətli kağızları və repo əməliyyatlarının payına düşüb.",
            "Korporativ istiqrazlar bazarında da canlanma müşahidə olunub: ay ərzində üç şirkət yeni istiqraz buraxılışı həyata keçirib.",
            "Birja rəhbərliyi ilin sonunadək daha iki şirkətin səhmlərinin listinqə daxil ediləcəyini gözləyir.",
            "Mütəxəssislər artımı faiz dərəcələrinin sabitliyi ilə əlaqələndirirlər.",
        ],
    ),
]

CATEGORIES = {
    "azerbaijan/politics": "Siyasət",
    "azerbaijan/society": "Cəmiyyət",
    "business/economy": "İqtisadiyyat",
    "business/energy": "Energetika",
    "sport": "İdman",
}
