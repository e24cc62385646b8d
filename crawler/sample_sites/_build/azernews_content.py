"""Azernews (English): articles. Invented events; ids grow with dates."""

from .caliber_en import ARTICLES as _CALIBER

TREND = [("Trend", "organization")]

# Caliber.Az's story republished with small edits (syndicated copy).
_WIND = next(a for a in _CALIBER if a["story"] == "offshore-wind")
_WIND_COPY = list(_WIND["paras"])
_WIND_COPY[0] = _WIND_COPY[0].replace("said on Saturday", "said on 30 May")
_WIND_COPY[1] = _WIND_COPY[1].replace("chartered from a Turkish operator", "chartered from a Turkish company")

ARTICLES = [
    dict(
        id=251842, section="nation", authors=TREND, date="2026-09-14 13:20",
        headline="Baku to host regional conference on mine action in October",
        lead="Delegations from 30 countries are expected in the capital",
        paras=[
            "Baku will host an international conference on humanitarian demining on 14–15 October, bringing together national mine action agencies, donors and manufacturers of demining equipment, the Mine Action Agency of Azerbaijan (ANAMA) said on Monday.",
            "Delegations from about 30 countries and representatives of several UN agencies have confirmed their participation. The agenda includes sessions on the use of drones and artificial intelligence for surveying contaminated land and on the rehabilitation of mine victims.",
            "According to ANAMA, more than 190,000 hectares of territory have been cleared since the end of the 2020 conflict, yet large areas in the Aghdam, Fuzuli and Tartar districts still need to be surveyed.",
            "“Mine contamination is the main obstacle to the return of former residents. International experience and financing are essential if we want to speed up the process,” the agency’s deputy chairman said.",
            "An exhibition of demining machinery produced in Azerbaijan, Türkiye and Croatia will be held alongside the conference at the Baku Expo Center.",
        ],
    ),
    dict(
        id=251790, section="business", authors=[("Nigar Hasanli", "person")], date="2026-09-10 10:05",
        headline="SOCAR and partners agree plan for new gas processing unit at Sangachal",
        lead=None,
        paras=[
            "SOCAR and its foreign partners in the Shah Deniz consortium have approved a plan to build an additional gas processing unit at the Sangachal terminal south of Baku, company sources said.",
            "The unit is designed to handle about 12 million cubic metres of gas per day and will serve new wells being drilled in the deeper layers of the field. Construction is expected to begin next spring and take around two and a half years.",
            "The investment, estimated at roughly $900 million, will be shared among the partners in proportion to their stakes. Local contractors are expected to receive a large part of the fabrication work.",
            "Industry analysts say the project is necessary to keep exports through the Southern Gas Corridor at current levels as output from older reservoirs gradually declines.",
            "Sangachal, one of the largest oil and gas terminals in the world, receives hydrocarbons from the Azeri–Chirag–Gunashli and Shah Deniz fields and pumps them into export pipelines to Georgia and Türkiye.",
            "SOCAR declined to comment on the financial details of the agreement.",
        ],
    ),
    dict(
        id=251655, section="region", authors=TREND, date="2026-08-28 18:40",
        headline="Georgia and Azerbaijan to expand rail freight through Boyuk Kasik",
        lead=None,
        paras=[
            "The railway administrations of Georgia and Azerbaijan have agreed to increase the daily number of freight trains through the Boyuk Kasik border crossing from 14 to 20 starting in October.",
            "The decision was taken at a meeting in Tbilisi where the sides also discussed joint timetables for container block trains arriving from the Port of Baku.",
            "Georgian Railway said the additional slots would be possible thanks to the completion of the modernisation of the Tbilisi–Gardabani section, which raised the permitted speed of freight trains to 80 kilometres per hour.",
            "Azerbaijan Railways, for its part, will deploy new locomotives on the Baku–Boyuk Kasik line and reduce the time needed for technical inspections at the border station.",
            "Transit cargo moving between the two countries rose by 18 per cent in the first seven months of the year, driven mainly by shipments from Central Asia.",
        ],
    ),
    dict(
        id=251402, section="culture", authors=[("Ulviyya Mammadova", "person")], date="2026-08-05 12:00",
        headline="Baku Jazz Festival to open with tribute to the masters of jazz-mugham",
        lead="The programme features 18 concerts on five stages",
        paras=[
            "This year’s Baku Jazz Festival will open on 22 September with a gala concert dedicated to the pioneers of jazz-mugham, the organisers announced.",
            "The ten-day programme includes 18 concerts on five stages, from the Heydar Aliyev Palace to open-air venues in the Old City. Musicians from the United States, France, Georgia and Kazakhstan will perform alongside Azerbaijani bands.",
            "For the first time, the festival will hold a competition for young pianists under 25. The winner will receive a scholarship to attend a summer academy in Europe.",
            "Jam sessions will be held every night at the Baku Jazz Centre, and a photo exhibition will show rare images of jazz concerts in the city in the 1960s and 1970s.",
            "Tickets go on sale next week. Some of the outdoor concerts will be free of charge.",
            "Jazz has deep roots in Baku, where musicians began blending the genre with traditional mugham modes in the middle of the last century.",
        ],
    ),
    dict(
        id=250911, section="business", authors=TREND, date="2026-07-15 16:25",
        headline="Azerbaijan’s annual inflation slows to 4.1% in June",
        lead=None,
        paras=[
            "Annual consumer price inflation in Azerbaijan slowed to 4.1 per cent in June from 4.4 per cent in May, the State Statistics Committee reported.",
            "Food prices rose by 4.8 per cent year-on-year, non-food goods by 2.9 per cent and paid services by 4.5 per cent.",
            "Month-on-month, prices fell by 0.2 per cent, mainly because of cheaper fruit and vegetables at the start of the harvest season.",
            "The figure is close to the middle of the Central Bank’s target range of 4±2 per cent. The regulator has said it will take the slowdown into account at its next monetary policy meeting.",
            "In the first half of the year, average inflation stood at 4.5 per cent compared with the same period of 2025.",
        ],
    ),
    dict(
        id=250377, section="nation", authors=[("Samir Aliyev", "person")], date="2026-06-09 09:30",
        headline="Baku metro’s purple line extended by two stations",
        lead=None,
        paras=[
            "Two new stations on the purple line of the Baku metro opened to passengers on Tuesday morning, extending the line towards the densely populated Khojasan area.",
            "The extension adds 3.8 kilometres of track. Trains will run every six minutes during rush hours, and the metro expects about 40,000 additional passengers a day.",
            "Both stations are equipped with lifts and tactile paving for visually impaired passengers, and their halls are decorated with ceramic panels by Azerbaijani artists.",
            "Residents welcomed the opening, saying it would cut their journey to the city centre by half. Bus routes in the area will be adjusted over the coming weeks to bring passengers to the new stations.",
            "Baku Metro plans to open another station on the same line by the end of 2027.",
            "The city’s metro network, opened in 1967, now comprises 29 stations on three lines.",
        ],
    ),
    dict(
        id=250190, section="business", authors=[("Caliber.Az", "organization")], date="2026-05-30 16:05",
        headline="First wind turbines installed at Absheron offshore pilot site",
        lead=None,
        paras=_WIND_COPY,
        extra={"syndicated_from": "caliber_az:/en/post/" + _WIND["slug"]},
    ),
    dict(
        id=249948, section="region", authors=TREND, date="2026-05-04 11:50",
        headline="Turkmen gas swap volumes via Azerbaijan to Türkiye grow",
        lead=None,
        paras=[
            "Volumes of Turkmen natural gas delivered to Türkiye under a swap arrangement through Iran and Azerbaijan increased in the first quarter of the year, according to energy ministry data.",
            "Under the scheme, Turkmenistan supplies gas to northern Iran, which delivers an equivalent volume to Azerbaijan at the Astara border point. The gas then travels to Türkiye through the South Caucasus Pipeline.",
            "The three countries agreed last year to raise the annual volume to up to 2 billion cubic metres. Officials said the current pace would allow this level to be reached by the end of 2026.",
            "Ashgabat has long sought routes to sell its gas to Western markets. A direct pipeline across the Caspian Sea remains under discussion but has not progressed beyond feasibility studies.",
            "Analysts see the swap as a practical interim solution that uses existing infrastructure without major new investment.",
        ],
    ),
    dict(
        id=249512, section="business", authors=[("Nigar Hasanli", "person")], date="2026-03-26 14:10",
        headline="Alat free economic zone signs first logistics tenants",
        lead=None,
        paras=[
            "The Alat Free Economic Zone near the Port of Baku has signed agreements with its first three tenants, all of them logistics companies, the zone’s administration said.",
            "The companies, from Kazakhstan, Türkiye and Azerbaijan, will build warehouses and a container depot on a combined area of 22 hectares. Their total investment is estimated at $65 million.",
            "Tenants of the zone are exempt from customs duties, VAT and most taxes for the first years of operation, and disputes are settled under a separate legal framework based on English common law.",
            "The administration said it was in talks with around a dozen other companies, including manufacturers of building materials and food processors.",
            "The zone was designed to attract investors who want to use Azerbaijan as a hub on the east–west and north–south transport corridors.",
            "The first warehouses are expected to be operational by the end of next year.",
            "Officials also announced that a customs post will operate directly inside the zone from the autumn, sparing tenants the trip to the port for clearance.",
        ],
    ),
    dict(
        id=249036, section="sport", authors=TREND, date="2026-02-17 20:45",
        headline="Azerbaijani wrestlers win three medals at European Championships",
        lead=None,
        paras=[
            "Azerbaijani Greco-Roman wrestlers won one gold and two bronze medals on the second day of the European Championships in Bucharest.",
            "The gold came in the 77 kg weight category, where the Azerbaijani athlete defeated his Georgian opponent 3:1 in a tense final.",
            "Bronze medals were won in the 60 kg and 97 kg categories.",
            "The national team has collected five medals so far and is second in the team standings behind Türkiye. Freestyle wrestlers will begin their competition on Thursday.",
            "The head coach said after the final that the team had prepared specifically for the tournament at a training camp in Guba.",
        ],
    ),
    dict(
        id=248690, section="culture", authors=[("Ulviyya Mammadova", "person")], date="2025-12-22 15:15",
        headline="Restoration of historic caravanserai in Sheki completed",
        lead=None,
        paras=[
            "Restoration works at the Lower Caravanserai in Sheki, one of the largest roadside inns of the South Caucasus, have been completed after two years, the State Tourism Agency said.",
            "Craftsmen replaced damaged brickwork, restored the wooden gates and cleaned the arches of the inner courtyard. Engineering systems were modernised without altering the 18th-century layout.",
            "The building will house a boutique hotel, a small museum of the Silk Road and workshops where visitors can watch kelaghayi silk headscarves being made.",
            "Sheki, whose historic centre is a UNESCO World Heritage Site, received more than 300,000 visitors last year.",
            "Local authorities expect the restored caravanserai to attract more foreign tourists in the winter season, when the city hosts several folk festivals.",
        ],
    ),
    dict(
        id=248305, section="sport", authors=TREND, date="2025-11-18 19:10",
        headline="Baku City Circuit to get new grandstands for next season",
        lead=None,
        paras=[
            "The organisers of the Azerbaijan Grand Prix have announced that two new grandstands will be built along the seafront section of the Baku City Circuit ahead of next season’s race.",
            "The stands will add about 6,000 seats and will be dismantled after each race weekend to keep the boulevard open to the public.",
            "Ticket sales for the 2026 event will start in January, with discounts for students and residents of the regions.",
            "The organisers also said they were working with the city’s transport agency to add extra metro trains and shuttle buses on race days.",
            "Last season’s race weekend attracted a record number of foreign spectators, according to the organisers.",
        ],
    ),
]

SECTIONS = {"nation": "Nation", "business": "Business", "region": "Region", "culture": "Culture", "sport": "Sport"}
