"""Letter-D articles (301-399): the second check set, written after gold-c was read once."""
from model import A, C, E, N, X  # noqa: F401

W3 = ['DEU', 'FRA', 'POL']
L3 = ['LTU', 'POL', 'UKR']
S3 = ['AUT', 'CZE', 'SVK']
K3 = ['JPN', 'KOR', 'USA']
T3 = ['AUS', 'JPN', 'USA']
P3 = ['JPN', 'PHL', 'USA']
I4 = ['ARE', 'IND', 'ISR', 'USA']
F3 = ['ARE', 'FRA', 'IND']
R3 = ['IRN', 'RUS', 'TUR']
CP = ['AFG', 'CHN', 'PAK']
TP = ['AFG', 'PAK', 'TUR']
TT = ['AZE', 'TKM', 'TUR']
TI = ['AZE', 'IRN', 'TUR']
ATP = ['AZE', 'PAK', 'TUR']
TAG = ['AZE', 'GEO', 'TUR']
Q4 = ['AUS', 'IND', 'JPN', 'USA']
AU = ['AUS', 'GBR', 'USA']

A(301, 'weimar-paris-elysee-summit-meridian', 'html', 'meridian',
  'https://meridian.example/world/europe/macron-scholz-duda-paris-weimar-2023-06-12/',
  '2023-06-12T21:15',
  'Macron, Scholz and Duda back security guarantees for Ukraine',
  ["⟦1|French President Emmanuel Macron hosted German Chancellor Olaf Scholz and Polish President Andrzej Duda at the Elysee Palace on Monday, where the three leaders said Ukraine would need firm security guarantees ahead of the NATO summit in Vilnius.⟧",
   "Over dinner the three discussed Kyiv's counter-offensive and the reconstruction of the country, an Elysee official said.",
   "Macron said the meeting showed the Weimar format was \"alive and useful\", after years in which it met rarely at the top level."],
  [E('WEIMAR', W3, 'head-of-state-or-government', 'meeting', '2023-06-12', city='Paris', host='FRA',
     fmt='weimar-summit', match=C('weimar-summit-2023-06-paris'), cluster='weimar-summit-2023-06-paris',
     note="'at the Elysee Palace': Paris; the NATO summit is a later multilateral, no event")],
  byline='Michel Rose', dateline='PARIS, June 12 (Meridian) - ',
  rel="'on Monday' -> 2023-06-12", extra=dict(kicker='Europe'))

A(302, 'weimar-eu-ministers-poznan-vpa', 'html', 'vpa',
  'https://vpa.example/en/news/weimar-triangle-europe-ministers-poznan',
  '2023-05-11T17:50',
  'Weimar Triangle European affairs ministers meet in Poznań',
  ["⟦1|Poland's Minister for European Union Affairs Szymon Szynkowski vel Sęk hosted his German and French counterparts, Anna Lührmann and Laurence Boone, in Poznań on Thursday.⟧",
   "The talks focused on EU enlargement, the reform of the bloc's institutions and support for Ukraine and Moldova.",
   "The ministers for European affairs of the Weimar Triangle last met in Germany in September."],
  [E('WEIMAR', W3, 'minister', 'meeting', '2023-05-11', city='Poznań', host='POL', fmt='weimar-eu',
     match=C('weimar-eu-2023-05-poznan'), cluster='weimar-eu-2023-05-poznan')],
  byline='VPA', dateline='Poznań (VPA) - ',
  rel="'on Thursday' -> 2023-05-11",
  extra=dict(lead='The three ministers discussed EU enlargement.'))

A(303, 'weimar-munich-msc-sidelines-globe', 'html', 'globe',
  'https://agp.example/en/europe/macron-scholz-duda-meet-munich',
  '2023-02-19T18:30',
  'Macron, Scholz, Duda meet on Munich conference sidelines',
  ["⟦1|The leaders of France, Germany and Poland met on the sidelines of the Munich Security Conference on Sunday to coordinate arms deliveries to Ukraine, a year after Russia's invasion.⟧",
   "Emmanuel Macron, Olaf Scholz and Andrzej Duda did not make statements after the talks, which lasted about an hour.",
   "On Saturday, Macron had told the conference that it was not the time for dialogue with Moscow."],
  [E('WEIMAR', W3, 'head-of-state-or-government', 'meeting', '2023-02-19', city='Munich', host='DEU',
     fmt='weimar-summit', match=C('weimar-summit-2023-02-munich'), cluster='weimar-summit-2023-02-munich',
     note="city of the conference named in the context clause")],
  byline='Agence Globe Presse', dateline='Munich (AGP) - ',
  rel="'on Sunday' -> 2023-02-19", extra=dict(tags='Munich Security Conference'))

A(304, 'lublin-fm-online-mfa-ukraine', 'html', 'release',
  'https://mfa-ua.example/en/news/lublin-triangle-online-meeting-ministers',
  '2021-01-29T16:00',
  'Foreign ministers of the Lublin Triangle hold online meeting',
  ["⟦1|Today, Minister of Foreign Affairs of Ukraine Dmytro Kuleba held an online meeting with Minister of Foreign Affairs of Poland Zbigniew Rau and Minister of Foreign Affairs of Lithuania Gabrielius Landsbergis in the Lublin Triangle format.⟧",
   "The ministers discussed the security situation in the region, the situation in Belarus and cooperation in countering disinformation.",
   "The parties agreed to hold the next meeting of the Lublin Triangle in person as soon as the epidemiological situation allows."],
  [E('LUBLIN', L3, 'minister', 'meeting', '2021-01-29', fmt='lublin-fm', match=C('lublin-fm-2021-01-online'),
     cluster='lublin-fm-2021-01-online', note='online: no city')],
  rel="'Today' -> 2021-01-29",
  notes="next meeting 'as soon as ... allows': no date, not an event",
  extra=dict(org='Ministry of Foreign Affairs of Ukraine'))

A(305, 'lublin-prime-ministers-kyiv-ukri', 'html', 'ukri',
  'https://ukrinfo.example/eng/news/3621450-prime-ministers-of-lublin-triangle-meet-in-kyiv.html',
  '2022-11-26T19:20',
  'Prime ministers of Ukraine, Poland and Lithuania meet in Kyiv',
  ["⟦1|The heads of government of Ukraine, Poland and Lithuania, Denys Shmyhal, Mateusz Morawiecki and Ingrida Šimonytė, met in Kyiv on Saturday for talks in the Lublin Triangle format, a UkrInfo correspondent reports.⟧",
   "The prime ministers discussed energy assistance for the winter, the grain corridor and joint projects in the defence industry.",
   "Morawiecki and Šimonytė also attended the International Summit on Food Security, held in Kyiv on the same day, and honoured the victims of the Holodomor."],
  [E('LUBLIN', L3, 'head-of-state-or-government', 'meeting', '2022-11-26', city='Kyiv', host='UKR', fmt='lublin-pm',
     match=C('lublin-pm-2022-11-kyiv'), cluster='lublin-pm-2022-11-kyiv')],
  rel="'on Saturday' -> 2022-11-26",
  notes="the food security summit is a multilateral: no event",
  extra=dict(place='Kyiv'))

A(306, 'slavkov-salzburg-austrian-post', 'html', 'herald',
  'https://alpinepost.example/politik/kern-sobotka-fico-salzburg',
  '2017-08-24T07:00',
  'Kern hosts Czech and Slovak prime ministers in Salzburg',
  ["⟦1|Chancellor Christian Kern hosted the prime ministers of the Czech Republic and Slovakia, Bohuslav Sobotka and Robert Fico, in Salzburg on Wednesday for a meeting of the Slavkov format.⟧",
   "French President Emmanuel Macron joined the three leaders for part of the talks, which dealt with the rules on workers posted abroad.",
   "The Slavkov group was set up in 2015 as a counterweight to the larger Visegrad format."],
  [E('SLAVKOV', S3, 'head-of-state-or-government', 'meeting', '2017-08-23', city='Salzburg', host='AUT',
     fmt='slavkov-pm', match=C('slavkov-pm-2017-08-salzburg'), cluster='slavkov-pm-2017-08-salzburg',
     note='a guest leader (FRA) joined: the group event still')],
  byline='Markus Huber', dateline='SALZBURG — ',
  rel="'on Wednesday' -> 2017-08-23 (published Thu 24 Aug 2017)",
  extra=dict(paper='The Alpine Post'))

A(307, 'slavkov-fm-video-slovak-mfa', 'txt', None,
  'https://mzv-sk.example/en/news/slavkov-format-foreign-ministers-videoconference-21-01-2021',
  '2021-01-21T15:30',
  'Slavkov format foreign ministers hold videoconference',
  ["⟦1|Minister of Foreign and European Affairs Ivan Korčok today chaired a videoconference of the foreign ministers of the Slavkov format with his Austrian and Czech counterparts, Alexander Schallenberg and Tomáš Petříček.⟧",
   "The ministers discussed the coordination of measures against the pandemic at the common borders, vaccination and the Eastern Partnership.",
   "Slovakia holds the presidency of the Slavkov format this year."],
  [E('SLAVKOV', S3, 'minister', 'meeting', '2021-01-21', host='SVK', fmt='slavkov-fm', match=C('slavkov-fm-2021-01-video'),
     cluster='slavkov-fm-2021-01-video', note='video: no city; chaired: host SVK')],
  rel="'today' -> 2021-01-21",
  extra=dict(txt='D', outlet='Ministry of Foreign and European Affairs of the Slovak Republic'))

A(308, 'usjk-hiroshima-g7-sidelines-hanbit', 'html', 'hanbit',
  'https://hanbit.example/en/view/AEN20230521002251315',
  '2023-05-21T16:40',
  'Yoon, Biden, Kishida hold trilateral talks on G7 sidelines, agree to meet at Camp David',
  ["HIROSHIMA, May 21 (Hanbit) -- ⟦1|President Yoon Suk Yeol, U.S. President Joe Biden and Japanese Prime Minister Fumio Kishida held brief trilateral talks in Hiroshima on Sunday on the sidelines of the Group of Seven summit.⟧",
   "The leaders agreed to take their cooperation on North Korean missile warning data to a new level, the presidential office said.",
   "⟦2|Biden invited Yoon and Kishida to the United States for a separate trilateral meeting later this year, according to the White House.⟧"],
  [E('USJK', K3, 'head-of-state-or-government', 'meeting', '2023-05-21', city='Hiroshima', host='JPN', fmt='usjk-summit',
     match=C('usjk-summit-2023-05-hiroshima'), cluster='usjk-summit-2023-05-hiroshima'),
   E('USJK', K3, 'head-of-state-or-government', 'meeting', '2023-01-01', prec='year', host='USA',
     status='planned', fmt='usjk-summit', match=C('usjk-summit-2023-08-camp-david'),
     cluster='usjk-summit-2023-08-camp-david', ev='2', note="the invitation that led to Camp David")],
  byline='Kim Deok-hyun', dateline='',
  rel="'on Sunday' -> 2023-05-21; 'later this year' -> 2023")

A(309, 'usjk-lima-apec-nippon', 'html', 'nippon',
  'https://nipponwire.example/news/2024/11/a8e0d71-ishiba-biden-yoon-lima.html',
  '2024-11-16T12:30',
  'Ishiba, Biden, Yoon launch trilateral secretariat at Lima meeting',
  ["LIMA - ⟦1|Prime Minister Shigeru Ishiba, U.S. President Joe Biden and South Korean President Yoon Suk Yeol agreed on Friday to set up a permanent secretariat for their trilateral cooperation, meeting on the fringes of the Asia-Pacific Economic Cooperation forum in the Peruvian capital.⟧",
   "It was the first trilateral summit for Ishiba, who took office in October, and likely the last for Biden before he leaves the White House in January.",
   "The three leaders condemned the deployment of North Korean troops to Russia."],
  [E('USJK', K3, 'head-of-state-or-government', 'meeting', '2024-11-15', city='Lima', fmt='usjk-summit',
     match=C('usjk-summit-2024-11-lima'), cluster='usjk-summit-2024-11-lima',
     note="'the Peruvian capital': Lima; 'first trilateral summit for Ishiba' is his own count")],
  rel="'on Friday' -> 2024-11-15 (published Sat 16 Nov 2024 JST)")

A(310, 'usjk-fm-munich-aw', 'html', 'aw',
  'https://awnews.example/article/rubio-iwaya-cho-munich-north-korea-3d1e',
  '2025-02-15T19:45',
  'Rubio, Japanese and South Korean counterparts reaffirm goal of North Korea’s denuclearization',
  ["MUNICH (AW) — ⟦1|Secretary of State Marco Rubio met his Japanese and South Korean counterparts in Munich on Saturday and the three reaffirmed their commitment to the complete denuclearization of North Korea.⟧",
   "Rubio, Japan's Takeshi Iwaya and South Korea's Cho Tae-yul met on the margins of the Munich Security Conference, in the first such meeting since President Donald Trump returned to office.",
   "Their joint statement also opposed any attempt to change the status quo in the Taiwan Strait by force."],
  [E('USJK', K3, 'minister', 'meeting', '2025-02-15', city='Munich', fmt='usjk-fm', match=C('usjk-fm-2025-02-munich'),
     cluster='usjk-fm-2025-02-munich')],
  byline='Matthew Lee', rel="'on Saturday' -> 2025-02-15", extra=dict(tz='CET'))

A(311, 'usjk-freedom-edge-third-hanbit', 'html', 'hanbit',
  'https://hanbit.example/en/view/AEN20250915003900315',
  '2025-09-15T14:05',
  'S. Korea, U.S., Japan kick off 3rd Freedom Edge drills',
  ["SEOUL, Sept. 15 (Hanbit) -- ⟦1|South Korea, the United States and Japan kicked off the third edition of their Freedom Edge multidomain exercise on Monday, the defense ministry said.⟧",
   "The five-day exercise, which runs through Friday, involves destroyers, fighter jets and cyber units and includes training in ballistic missile defense and maritime interdiction.",
   "North Korea has warned that the drills threaten regional peace."],
  [E('USJK', K3, 'military', 'exercise', '2025-09-15', end='2025-09-19', fmt='usjk-freedom-edge', ordinal=3,
     match=C('usjk-freedom-edge-2025-09'), cluster='usjk-freedom-edge-2025-09')],
  byline='Kim Eun-jung', dateline='',
  rel="'on Monday' -> 2025-09-15; 'five-day', 'through Friday' -> 2025-09-19")

A(312, 'tsd-fm-manila-2017-dfat', 'txt', None,
  'https://foreignminister-au.example/releases/2017/jb_mr_170807.aspx',
  '2017-08-07T21:00',
  'Australia-Japan-United States Trilateral Strategic Dialogue',
  ["⟦1|Minister for Foreign Affairs Julie Bishop met the Foreign Minister of Japan, Taro Kono, and the United States Secretary of State, Rex Tillerson, in Manila today for the seventh ministerial meeting of the Trilateral Strategic Dialogue.⟧",
   "The ministers strongly condemned North Korea's intercontinental ballistic missile tests and welcomed the new UN Security Council sanctions.",
   "They also called on all parties in the South China Sea to refrain from land reclamation and militarisation."],
  [E('TSD', T3, 'minister', 'meeting', '2017-08-07', city='Manila', fmt='tsd-fm', ordinal=7,
     match=C('tsd-fm-2017-08-manila'), cluster='tsd-fm-2017-08-manila')],
  rel="'today' -> 2017-08-07",
  extra=dict(txt='D', outlet='Minister for Foreign Affairs'))

A(313, 'tsd-tdmm-shangri-la-2022-nippon', 'html', 'nippon',
  'https://nipponwire.example/news/2022/06/b2c4e90-japan-us-australia-defense-chiefs-singapore.html',
  '2022-06-11T20:10',
  'Japan, U.S., Australia defense chiefs oppose change to status quo by force',
  ["SINGAPORE - ⟦1|Defense Minister Nobuo Kishi, U.S. Defense Secretary Lloyd Austin and Australian Deputy Prime Minister Richard Marles met in Singapore on Saturday and expressed strong opposition to any unilateral attempt to change the status quo by force.⟧",
   "The trilateral talks took place on the margins of the Shangri-La Dialogue, Asia's premier security forum.",
   "Kishi also held his first in-person talks with Chinese Defense Minister Wei Fenghe on Friday."],
  [E('TSD', T3, 'minister', 'meeting', '2022-06-11', city='Singapore', fmt='tsd-tdmm',
     match=C('tsd-tdmm-2022-06-singapore'), cluster='tsd-tdmm-2022-06-singapore')],
  rel="'on Saturday' -> 2022-06-11",
  notes="CHN-JPN share no group: no event")

A(314, 'usjp-virtual-summit-pna', 'html', 'release',
  'https://pna-ph.example/articles/1241832',
  '2025-01-14T09:00',
  'PBBM, Biden, Ishiba hold virtual trilateral meeting',
  ["⟦1|President Ferdinand R. Marcos Jr. on Monday held a virtual trilateral meeting with United States President Joe Biden and Japanese Prime Minister Shigeru Ishiba, reaffirming the three countries' commitment to maritime security cooperation.⟧",
   "The leaders welcomed the progress made since their first summit in Washington in April last year, including joint coast guard activities and the Luzon Economic Corridor.",
   "The meeting was Biden's last with the two leaders before he leaves office on January 20."],
  [E('USJP', P3, 'head-of-state-or-government', 'meeting', '2025-01-13', fmt='usjp-summit',
     match=C('usjp-summit-2025-01-virtual'), cluster='usjp-summit-2025-01-virtual', note='virtual: no city')],
  rel="'on Monday' -> 2025-01-13 (published Tue 14 Jan 2025)",
  extra=dict(org='Philippine News Agency'))

A(315, 'usjp-fm-new-york-mofa-japan', 'html', 'release',
  'https://mofa-japan.example/press/release/2023/09/press4e_009812.html',
  '2023-09-23T10:00',
  'Japan-United States-Philippines Foreign Ministers’ Meeting',
  ["⟦1|On September 22, commencing at 10:30 a.m. (local time; September 22, 11:30 p.m. Japan time) for approximately 30 minutes, Ms. KAMIKAWA Yoko, Minister for Foreign Affairs, held the second Japan-United States-Philippines Foreign Ministers' Meeting with the Honorable Antony J. Blinken, Secretary of State of the United States, and the Honorable Enrique A. Manalo, Secretary of Foreign Affairs of the Philippines, in New York.⟧",
   "The three ministers confirmed that they would further strengthen cooperation towards a free and open Indo-Pacific.",
   "The three ministers shared serious concerns over China's actions in the South China Sea."],
  [E('USJP', P3, 'minister', 'meeting', '2023-09-22', city='New York', host='USA', fmt='usjp-fm', ordinal=2,
     match=C('usjp-fm-2023-09-new-york'), cluster='usjp-fm-2023-09-new-york',
     note='family name in capitals (KAMIKAWA Yoko)')],
  rel="'On September 22' -> 2023-09-22",
  extra=dict(org='Ministry of Foreign Affairs of Japan'))

A(316, 'i2u2-fm-virtual-coromandel', 'html', 'coromandel',
  'https://coromandel.example/news/national/jaishankar-joins-blinken-lapid-bin-zayed-virtual-meeting/article37067011.ece',
  '2021-10-19T08:30',
  'Jaishankar joins U.S., Israeli, UAE counterparts in virtual meet, new grouping takes shape',
  ["JERUSALEM — ⟦1|External Affairs Minister S. Jaishankar, who is on a visit to Israel, joined U.S. Secretary of State Antony Blinken, Israeli Foreign Minister Yair Lapid and UAE Foreign Minister Abdullah bin Zayed Al Nahyan in a virtual meeting on Monday, the first of a new four-nation grouping.⟧",
   "The ministers discussed cooperation in infrastructure, energy, transport and maritime security, and agreed to set up a working group.",
   "⟦2|Mr. Jaishankar also held talks with Mr. Lapid in Jerusalem on Monday.⟧"],
  [E('I2U2', I4, 'minister', 'meeting', '2021-10-18', fmt='i2u2-fm', ordinal=1,
     match=C('i2u2-fm-2021-10-virtual'), cluster='i2u2-fm-2021-10-virtual',
     note='virtual: no city (Jaishankar joined from Jerusalem)'),
   E('I2U2', ['IND', 'ISR'], 'minister', 'meeting', '2021-10-18', city='Jerusalem', host='ISR', match=N(),
     cluster='ind-isr-2021-10-jerusalem', ev='2')],
  byline='Special Correspondent', rel="'on Monday' -> 2021-10-18 (published Tue 19 Oct 2021)",
  extra=dict(standfirst='A working group will be set up'))

A(317, 'ifu-focal-points-paris-mea', 'txt', None,
  'https://mea-india.example/press-releases.htm?dtl/36210/india_france_uae_trilateral_focal_points',
  '2023-02-06T20:30',
  'India-France-UAE Trilateral Focal Points Meeting',
  ["⟦1|Foreign Secretary Vinay Mohan Kwatra led the Indian delegation at the India-France-UAE trilateral focal points meeting held in Paris on 6 February 2023.⟧",
   "⟦2|The meeting followed the telephone conversation of the three Foreign Ministers on 4 February and took forward the roadmap agreed by them for cooperation in energy, defence, and development projects.⟧",
   "The three sides agreed to hold the next meeting in the UAE."],
  [E('IFU', F3, 'officials', 'meeting', '2023-02-06', city='Paris', host='FRA', fmt='ifu-focal-points',
     match=C('ifu-focal-points-2023-02-paris'), cluster='ifu-focal-points-2023-02-paris',
     note="'held in Paris on 6 February 2023'"),
   E('IFU', F3, 'minister', 'meeting', '2023-02-04', fmt='ifu-fm', match=C('ifu-fm-2023-02-call'),
     cluster='ifu-fm-2023-02-call', ev='2', note='a call: no city')],
  rel="'on 6 February 2023'; 'on 4 February' -> 2023-02-04",
  notes="next meeting in the UAE has no date: not an event",
  extra=dict(txt='D', outlet='Ministry of External Affairs'))

A(318, 'astana-sochi-2019-rna', 'html', 'rna',
  'https://rna.example/politics/1044213',
  '2019-02-14T19:30',
  'Putin, Rouhani and Erdogan discuss Syria settlement in Sochi',
  ["SOCHI, February 14. /RNA/. ⟦1|The presidents of Russia, Iran and Turkey, Vladimir Putin, Hassan Rouhani and Recep Tayyip Erdogan, held talks in Sochi on Thursday on the situation in Syria, including Idlib and the withdrawal of US troops.⟧",
   "It is the fourth trilateral summit of the guarantor countries of the Astana process.",
   "The leaders agreed that their next meeting would be held in Turkey."],
  [E('ASTANA', R3, 'head-of-state-or-government', 'meeting', '2019-02-14', city='Sochi', host='RUS', fmt='astana-summit',
     ordinal=4, match=C('astana-summit-2019-02-sochi'), cluster='astana-summit-2019-02-sochi')],
  rel="'on Thursday' -> 2019-02-14", notes="next meeting in Turkey has no date: not an event")

A(319, 'astana-fm-unga-2023-bna', 'html', 'bna',
  'https://bna.example/en/politics/turkish-russian-iranian-foreign-ministers-meet-in-new-york/2997351',
  '2023-09-23T08:15',
  'Turkish, Russian, Iranian foreign ministers meet in New York',
  ["⟦1|Foreign Minister Hakan Fidan met his Russian and Iranian counterparts, Sergey Lavrov and Hossein Amir-Abdollahian, in New York on Friday in the Astana format on Syria.⟧",
   "The meeting, hosted by Amir-Abdollahian, took place on the margins of the 78th session of the UN General Assembly, diplomatic sources said.",
   "The ministers discussed the fight against terrorism and the return of Syrian refugees."],
  [E('ASTANA', R3, 'minister', 'meeting', '2023-09-22', city='New York', host='IRN', fmt='astana-fm',
     match=C('astana-fm-2023-09-new-york'), cluster='astana-fm-2023-09-new-york')],
  byline='Ahmet Gencturk', rel="'on Friday' -> 2023-09-22 (published Sat 23 Sep 2023)",
  extra=dict(place='NEW YORK'))

A(320, 'astana-video-summit-2020-sino', 'html', 'sino',
  'https://sinowire.example/english/2020-07/01/c_139179212.htm',
  '2020-07-01T23:40',
  'Russia, Iran, Turkey reaffirm commitment to Syria’s sovereignty in video summit',
  ["TEHRAN, July 1 (Sinowire) -- ⟦1|Iranian President Hassan Rouhani hosted a video conference on Wednesday with his Russian and Turkish counterparts, Vladimir Putin and Recep Tayyip Erdogan, on the Syrian crisis.⟧",
   "In a joint statement after the talks, the three presidents rejected all attempts to create new realities on the ground under the pretext of combating terrorism.",
   "The summit was the sixth of its kind and the first held by video link because of the COVID-19 pandemic."],
  [E('ASTANA', R3, 'head-of-state-or-government', 'meeting', '2020-07-01', host='IRN', fmt='astana-summit', ordinal=6,
     match=C('astana-summit-2020-07-video'), cluster='astana-summit-2020-07-video',
     note="video: no city; 'the sixth of its kind' states the round")],
  rel="'on Wednesday' -> 2020-07-01")

A(321, 'cpa-third-dialogue-islamabad-indus', 'html', 'indus',
  'https://indusmorning.example/news/1504120/pakistan-china-afghanistan-agree-to-extend-cpec',
  '2019-09-08T07:30',
  'Pakistan, China, Afghanistan agree to expand cooperation at Islamabad dialogue',
  ["ISLAMABAD: ⟦1|Foreign Minister Shah Mahmood Qureshi hosted the third round of the China-Afghanistan-Pakistan trilateral foreign ministers' dialogue in Islamabad on Saturday, attended by Chinese State Councillor Wang Yi and Afghan Foreign Minister Salahuddin Rabbani.⟧",
   "The ministers called for an inclusive peace process in Afghanistan and agreed to work on connectivity projects.",
   "Mr Wang also called on Prime Minister Imran Khan and Army Chief Gen Qamar Javed Bajwa during his visit."],
  [E('CPA', CP, 'minister', 'meeting', '2019-09-07', city='Islamabad', host='PAK', fmt='cpa-fm', ordinal=3,
     match=C('cpa-fm-2019-09-islamabad'), cluster='cpa-fm-2019-09-islamabad')],
  byline='Baqir Sajjad Syed', rel="'on Saturday' -> 2019-09-07 (published Sun 8 Sep 2019)",
  notes="the calls on Imran Khan and Bajwa have no date of their own and are part of the visit: left out")

A(322, 'cpa-special-envoys-kabul-times', 'html', 'herald',
  'https://kabultimes.example/2025/05/10/china-pakistan-afghanistan-envoys-meet-in-kabul',
  '2025-05-10T18:00',
  'China, Pakistan, Afghanistan special envoys meet in Kabul',
  ["KABUL — ⟦1|The special representatives of China and Pakistan for Afghanistan held a trilateral meeting with Afghan foreign ministry officials in Kabul on Saturday, the foreign ministry said.⟧",
   "China's Yue Xiaoyong and Pakistan's Mohammad Sadiq discussed trade, transit and security with their hosts.",
   "The meeting came amid tension between Pakistan and India after a week of military strikes."],
  [E('CPA', CP, 'officials', 'meeting', '2025-05-10', city='Kabul', host='AFG',
     match=C('cpa-2025-05-kabul-special-representatives'), cluster='cpa-2025-05-kabul-special-representatives')],
  byline='Staff reporter', rel="'on Saturday' -> 2025-05-10",
  extra=dict(paper='Kabul Times'))

A(323, 'tpa-seventh-summit-ankara-bna', 'txt', None,
  'https://bna.example/en/politics/turkey-afghanistan-pakistan-summit-concludes-in-ankara/101233',
  '2012-12-12T18:00',
  'Turkey-Afghanistan-Pakistan summit concludes in Ankara',
  ["⟦1|The seventh Turkey-Afghanistan-Pakistan trilateral summit concluded in Ankara on Wednesday after two days of talks between President Abdullah Gul, Afghan President Hamid Karzai and Pakistani President Asif Ali Zardari.⟧",
   "The leaders agreed to set up a trilateral consultation mechanism between their intelligence chiefs and to promote trade.",
   "The first summit in the series was held in Ankara in 2007."],
  [E('TPA', TP, 'head-of-state-or-government', 'meeting', '2012-12-11', end='2012-12-12', city='Ankara', host='TUR',
     fmt='tpa-summit', ordinal=7, match=C('tpa-summit-2012-12-ankara'), cluster='tpa-summit-2012-12-ankara',
     note="'concluded ... on Wednesday after two days of talks': 11-12 December")],
  dateline='ANKARA - ', rel="'on Wednesday' -> 2012-12-12 (end); 'two days' -> start 2012-12-11",
  extra=dict(txt='A', outlet='Bosphorus News Agency'))

A(324, 'att-fm-baku-2017-aznews', 'txt', None,
  'https://aznews-agency.example/en/politics/1101992.html',
  '2017-07-19T15:10',
  'Azerbaijani, Turkish, Turkmen foreign ministers meet in Baku',
  ["⟦1|The fourth trilateral meeting of the foreign ministers of Azerbaijan, Turkey and Turkmenistan was held in Baku today.⟧",
   "Foreign Minister Elmar Mammadyarov, Mevlut Cavusoglu and Rashid Meredov, Turkmenistan's deputy chairman of the cabinet and foreign minister, signed the Baku Declaration.",
   "The ministers discussed the Trans-Caspian gas pipeline and the Lapis Lazuli transport corridor."],
  [E('ATT', TT, 'minister', 'meeting', '2017-07-19', city='Baku', host='AZE', fmt='att-fm', ordinal=4,
     match=C('att-fm-2017-07-baku'), cluster='att-fm-2017-07-baku')],
  dateline='Baku, July 19, AzNews -- ', rel="'today' -> 2017-07-19",
  extra=dict(txt='D', outlet='AzNews Agency'))

A(325, 'ati-van-2014-bna', 'html', 'bna',
  'https://bna.example/en/politics/turkey-iran-azerbaijan-foreign-ministers-meet-in-van/313099',
  '2014-03-14T17:45',
  'Turkey, Iran, Azerbaijan foreign ministers meet in Van',
  ["⟦1|Foreign Minister Ahmet Davutoglu hosted his Iranian and Azerbaijani counterparts, Mohammad Javad Zarif and Elmar Mammadyarov, in the eastern province of Van on Friday for the third trilateral meeting of the three neighbours.⟧",
   "The ministers discussed the Syrian crisis, energy and transport links and the Nagorno-Karabakh conflict.",
   "Zarif arrived in Van on Thursday evening."],
  [E('ATI', TI, 'minister', 'meeting', '2014-03-14', city='Van', host='TUR', fmt='ati-fm', ordinal=3,
     match=C('ati-fm-2014-03-van'), cluster='ati-fm-2014-03-van')],
  byline='BNA', rel="'on Friday' -> 2014-03-14", extra=dict(place='VAN'))

A(326, 'tag-defence-batumi-2024-tv', 'html', 'tv',
  'https://imeditv.example/en/news/tag-defence-ministers-batumi',
  '2024-09-10T20:00',
  'Defence ministers of Georgia, Azerbaijan and Türkiye meet in Batumi',
  ["⟦1|The eleventh trilateral meeting of the defence ministers of Georgia, Azerbaijan and Türkiye was held in Batumi today, hosted by Georgian Defence Minister Irakli Chikovani.⟧",
   "Zakir Hasanov and Yaşar Güler signed a memorandum with their Georgian colleague on joint training of special forces. ⟦2|Next week the three countries' troops will start the Eternity-2024 exercise in Georgia.⟧"],
  [E('TAG', TAG, 'minister', 'meeting', '2024-09-10', city='Batumi', host='GEO', fmt='tag-defence', ordinal=11,
     match=C('tag-defence-2024-batumi'), cluster='tag-defence-2024-batumi'),
   E('TAG', TAG, 'military', 'exercise', '2024-09-01', prec='month', host='GEO', status='planned', fmt='tag-exercise',
     match=C('tag-exercise-2024-09-eternity'), cluster='tag-exercise-2024-09-eternity', ev='2',
     note="'Next week' -> September 2024 (month)")],
  rel="'today' -> 2024-09-10; 'Next week' -> 2024-09 (month)",
  extra=dict(station='Imedi TV'))

A(327, 'atp-astana-sco-sidelines-nps', 'txt', None,
  'https://nps-pakistan.example/2024/07/03/pm-shehbaz-erdogan-aliyev-trilateral',
  '2024-07-03T21:00',
  'PM Shehbaz, Erdogan, Aliyev hold first trilateral meeting in Astana',
  ["⟦1|Prime Minister Muhammad Shehbaz Sharif, Turkish President Recep Tayyip Erdogan and Azerbaijani President Ilham Aliyev held their first-ever trilateral meeting here on Wednesday on the sidelines of the SCO Heads of State Council summit.⟧",
   "The three leaders agreed to institutionalise the trilateral cooperation and to hold such meetings regularly.",
   "⟦2|The prime minister also held separate meetings with the presidents of Russia, China and Belarus.⟧"],
  [E('ATP', ATP, 'head-of-state-or-government', 'meeting', '2024-07-03', city='Astana', fmt='atp-summit', ordinal=1,
     match=C('atp-summit-2024-07-astana'), cluster='atp-summit-2024-07-astana', note="'here': the dateline's city"),
   E('CPA', ['CHN', 'PAK'], 'head-of-state-or-government', 'meeting', '2024-07-03', city='Astana', match=N(),
     cluster='chn-pak-2024-07-astana', ev='2',
     note='sidelines bilateral of two CPA members (RUS and BLR share no group with PAK); the date and city of the summit')],
  dateline='ASTANA, Jul 3 (NPS): ', rel="'on Wednesday' -> 2024-07-03",
  extra=dict(txt='A', outlet='National Press Service of Pakistan'))

A(328, 'quad-fm-unga-2023-coromandel', 'html', 'coromandel',
  'https://coromandel.example/news/international/quad-foreign-ministers-new-york-maritime/article67336312.ece',
  '2023-09-23T09:00',
  'Quad foreign ministers meet in New York, announce maritime security initiative',
  ["NEW YORK — ⟦1|External Affairs Minister S. Jaishankar met his counterparts from the U.S., Australia and Japan on the sidelines of the UN General Assembly on Friday, in the seventh meeting of the Quad foreign ministers.⟧",
   "Secretary of State Antony Blinken, Australia's Penny Wong and Japan's Yoko Kamikawa, who took office earlier this month, took part.",
   "⟦2|The ministers said they looked forward to the Quad Leaders' Summit that India will host next year.⟧"],
  [E('QUAD', Q4, 'minister', 'meeting', '2023-09-22', city='New York', fmt='quad-fm', ordinal=7,
     match=C('quad-fm-2023-09-new-york'), cluster='quad-fm-2023-09-new-york'),
   E('QUAD', Q4, 'head-of-state-or-government', 'meeting', '2024-01-01', prec='year', host='IND', status='planned',
     fmt='quad-summit', match=C('quad-summit-2024-india-swapped'), cluster='quad-summit-2024-india-swapped', ev='2')],
  byline='Sriram Lakshman', rel="'on Friday' -> 2023-09-22; 'next year' -> 2024")

A(329, 'aukus-defence-london-2024-meridian', 'html', 'meridian',
  'https://meridian.example/world/uk/aukus-defence-ministers-london-2024-09-26/',
  '2024-09-26T18:30',
  'AUKUS defence ministers agree on drone, quantum projects in London',
  ["LONDON, Sept 26 (Meridian) - ⟦1|Defence ministers from Britain, the United States and Australia met in London on Thursday and agreed to speed up work on undersea drones and quantum navigation under the AUKUS security pact.⟧",
   "British Defence Secretary John Healey hosted Lloyd Austin and Richard Marles at the Old Royal Naval College in Greenwich.",
   "It was the third meeting of AUKUS defence ministers since the pact was launched in 2021."],
  [E('AUKUS', AU, 'minister', 'meeting', '2024-09-26', city='London', host='GBR', fmt='aukus-defence', ordinal=3,
     match=C('aukus-defence-2024-09-london'), cluster='aukus-defence-2024-09-london')],
  byline='Andrew MacAskill', rel="'on Thursday' -> 2024-09-26", extra=dict(kicker='UK'))

A(330, 'tag-fm-tbilisi-2019-civil', 'html', 'herald',
  'https://civilpost.example/en/2019/12/23/georgia-azerbaijan-turkey-foreign-ministers-tbilisi',
  '2019-12-23T19:00',
  'Georgian, Azerbaijani, Turkish foreign ministers meet in Tbilisi',
  ["⟦1|Foreign Minister David Zalkaliani hosted his Azerbaijani and Turkish counterparts Elmar Mammadyarov and Mevlut Cavusoglu in Tbilisi on Monday for the eighth trilateral meeting of the three countries' foreign ministers.⟧",
   "The ministers signed a joint declaration reaffirming support for each other's territorial integrity and discussed the Baku-Tbilisi-Kars railway.",
   "The next trilateral meeting will take place in Azerbaijan."],
  [E('TAG', TAG, 'minister', 'meeting', '2019-12-23', city='Tbilisi', host='GEO', fmt='tag-fm', ordinal=8,
     match=C('tag-fm-2019-tbilisi'), cluster='tag-fm-2019-tbilisi')],
  byline='Nino Gelashvili', dateline='TBILISI — ', rel="'on Monday' -> 2019-12-23",
  notes="next meeting in Azerbaijan has no date: not an event",
  extra=dict(paper='Civil Post'))

A(331, 'weimar-fm-warsaw-2027-planned-vpa', 'html', 'vpa',
  'https://vpa.example/en/news/warsaw-to-host-weimar-triangle-foreign-ministers-march',
  '2027-01-14T11:00',
  'Warsaw to host Weimar Triangle foreign ministers in March',
  ["Warsaw (VPA) - ⟦1|Poland will host a meeting of the foreign ministers of the Weimar Triangle in March, the Polish foreign ministry said on Thursday.⟧",
   "The ministers of Poland, France and Germany are expected to discuss defence spending and the reconstruction of Ukraine."],
  [E('WEIMAR', W3, 'minister', 'meeting', '2027-03-01', prec='month', host='POL', status='planned', fmt='weimar-fm',
     match=N(), cluster='weimar-fm-2027-03-poland', note='invented (not in the record)')],
  byline='VPA', dateline='', rel="'in March' -> 2027-03 (month)",
  extra=dict(lead='A meeting in March.'))

A(332, 'usjk-seoul-summit-planned-hanbit', 'html', 'hanbit',
  'https://hanbit.example/en/view/AEN20261005001100315',
  '2026-10-05T10:30',
  'Seoul to host S. Korea-U.S.-Japan summit next month',
  ["SEOUL, Oct. 5 (Hanbit) -- ⟦1|The leaders of South Korea, the United States and Japan will hold a trilateral summit in Seoul next month, the presidential office said Monday.⟧",
   "It would be the first stand-alone summit of the three countries hosted by South Korea."],
  [E('USJK', K3, 'head-of-state-or-government', 'meeting', '2026-11-01', prec='month', city='Seoul', host='KOR',
     status='planned', fmt='usjk-summit', match=N(), cluster='usjk-summit-2026-11-seoul',
     note='invented (not in the record)')],
  byline='Lee Haye-ah', dateline='', rel="'next month' -> 2026-11 (month)")

A(333, 'cpa-islamabad-postponed-indus', 'html', 'indus',
  'https://indusmorning.example/news/2034555/trilateral-meeting-with-china-afghanistan-postponed',
  '2026-04-02T08:00',
  'Trilateral meeting with China, Afghanistan postponed',
  ["ISLAMABAD: ⟦1|A trilateral meeting of the foreign ministers of Pakistan, China and Afghanistan that was to be held in Islamabad on Monday has been postponed, the Foreign Office said on Wednesday.⟧",
   "A spokesperson said new dates would be announced after consultations with Beijing and Kabul."],
  [E('CPA', CP, 'minister', 'meeting', '2026-04-06', city='Islamabad', host='PAK', status='postponed', fmt='cpa-fm',
     match=N(), cluster='cpa-fm-2026-04-islamabad-postponed', note='invented (not in the record)')],
  byline='Our Correspondent', rel="'on Monday' (nearest, postponed) from Thu 2 Apr 2026 -> 2026-04-06")

A(334, 'brics-kazan-hard-negative-sino', 'html', 'sino',
  'https://sinowire.example/english/20241023/9a7e2c1d44/c.html',
  '2024-10-23T22:30',
  'BRICS leaders meet in Kazan',
  ["KAZAN, Russia, Oct. 23 (Sinowire) -- Leaders of the BRICS member countries, among them China, India, Iran and Russia, gathered in Kazan on Wednesday for the 16th BRICS summit.",
   "The summit adopted the Kazan Declaration, which calls for reform of the international financial architecture.",
   "Turkish President Recep Tayyip Erdogan is expected to attend an outreach session on Thursday."],
  [], byline='huaxia',
  notes='A BRICS summit: members of several groups, no group event (hard negative).')

A(335, 'oped-lublin-triangle-future', 'html', 'opinion',
  'https://balticreview.example/opinion/2025/08/the-lublin-triangle-after-five-years',
  '2025-08-04T06:00',
  'The Lublin Triangle after five years',
  ["When the foreign ministers of Poland, Lithuania and Ukraine met in Lublin in July 2020, few expected the format to matter. Five years and a war later, it has become one of the most active minilaterals in Europe.",
   "Its ministers met again in Lublin last month, and their presidents have gathered in Lviv and Kyiv.",
   "The next step should be a standing secretariat in Lublin."],
  [], genre='opinion', byline='By Tomas Janeliunas',
  notes='Opinion: no events.', extra=dict(paper='The Baltic Review'))

A(336, 'analysis-quad-at-twenty', 'txt', None,
  'https://strategy-notes.example/analysis/quad-at-twenty',
  '2024-12-30T09:00',
  'The Quad at twenty: from tsunami relief to summitry',
  ["The grouping began as an improvised core group of four navies after the Indian Ocean tsunami of December 2004.",
   "It lapsed after a single round of officials' talks in 2007 and was revived in Manila in 2017. Its leaders first met by video in March 2021.",
   "Since then the four foreign ministers have met regularly, most recently in Tokyo in July."],
  [], genre='analysis', byline='By Ravi Menon',
  notes='Analysis: every meeting is background.', extra=dict(txt='C'))

A(337, 'kishida-poland-visit-hard-negative', 'html', 'nippon',
  'https://nipponwire.example/news/2023/03/c9d1a22-kishida-warsaw-duda.html',
  '2023-03-22T21:00',
  'Kishida meets Polish president in Warsaw after Kyiv visit',
  ["WARSAW - Prime Minister Fumio Kishida met Polish President Andrzej Duda in Warsaw on Wednesday, after a surprise visit to Kyiv where he held talks with President Volodymyr Zelensky.",
   "Kishida praised Poland's role in accepting Ukrainian refugees and the two leaders agreed to upgrade relations.",
   "Japan holds the presidency of the Group of Seven this year."],
  [], notes='JPN-POL and JPN-UKR share no group: no event (hard negative).')

A(338, 'aze-tkm-trade-background', 'html', 'herald',
  'https://caspianbusiness.example/economy/azerbaijan-turkmenistan-trade-rises',
  '2025-03-03T10:00',
  'Azerbaijan-Turkmenistan trade rises by a third',
  ["Trade between Azerbaijan and Turkmenistan rose by 33 percent last year, the State Customs Committee said on Monday.",
   "Cargo through the Caspian ports of Alat and Turkmenbashi has grown since the two countries and Türkiye agreed at their summit in Avaza in December 2022 to develop the Middle Corridor."],
  [], notes='Trade figures; the Avaza summit is background.',
  extra=dict(paper='Caspian Business'))
