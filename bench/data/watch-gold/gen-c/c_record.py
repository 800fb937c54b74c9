from model import A, C, E, N, X  # noqa: F401

ATP = ['AZE', 'PAK', 'TUR']
TAG = ['AZE', 'GEO', 'TUR']
Q4 = ['AUS', 'IND', 'JPN', 'USA']
AU = ['AUS', 'GBR', 'USA']

# ---------------------------------------------------------------- ATP

A(258, 'atp-speakers-third-islamabad-nps', 'txt', None,
  'https://nps-pakistan.example/2025/10/13/trilateral-speakers-conference-begins',
  '2025-10-13T16:30',
  'Trilateral speakers’ conference of Pakistan, Azerbaijan, Türkiye begins',
  ["⟦1|The two-day third trilateral speakers' conference of Pakistan, Azerbaijan and Türkiye got under way at Parliament House here on Monday, with National Assembly Speaker Sardar Ayaz Sadiq welcoming his counterparts Sahiba Gafarova and Numan Kurtulmuş.⟧",
   "Senate Chairman Syed Yousaf Raza Gilani also attended the opening session, which was devoted to regional connectivity, climate change and the situation in Gaza.",
   "Addressing the session, Sadiq said the parliaments of the three brotherly countries had become a pillar of their strategic partnership.",
   "The speakers are expected to adopt the Islamabad Declaration at the concluding session on Tuesday."],
  [E('ATP', ATP, 'speaker', 'meeting', '2025-10-13', end='2025-10-14', city='Islamabad', host='PAK', fmt='atp-speakers',
     ordinal=3, match=C('atp-speakers-2025-islamabad'), cluster='atp-speakers-2025-islamabad',
     note="'here': the dateline's city")],
  dateline='ISLAMABAD, Oct 13 (NPS): ',
  rel="'on Monday' -> 2025-10-13; 'two-day' -> end 2025-10-14",
  notes="the declaration 'on Tuesday' is the end of the same meeting",
  extra=dict(txt='A', outlet='National Press Service of Pakistan'))

A(259, 'atp-lachin-summit-presidency-az', 'html', 'presidency',
  'https://president-az.example/en/articles/view/68412',
  '2025-05-28T20:10',
  'Trilateral summit of Azerbaijan, Türkiye and Pakistan held in Lachin',
  ["⟦1|On May 28, a trilateral summit of the heads of state and government of Azerbaijan, Türkiye and Pakistan was held in Lachin.⟧",
   "President of the Republic of Azerbaijan Ilham Aliyev, President of the Republic of Türkiye Recep Tayyip Erdoğan and Prime Minister of the Islamic Republic of Pakistan Muhammad Shehbaz Sharif made statements for the press.",
   "⟦2|Before the summit, President Ilham Aliyev and Prime Minister Muhammad Shehbaz Sharif held a one-on-one meeting.⟧",
   "The heads of state and government then viewed the restoration work carried out in the city."],
  [E('ATP', ATP, 'head-of-state-or-government', 'meeting', '2025-05-28', city='Lachin', host='AZE', fmt='atp-summit',
     match=C('atp-summit-2025-05-lachin'), cluster='atp-summit-2025-05-lachin'),
   E('ATP', ['AZE', 'PAK'], 'head-of-state-or-government', 'meeting', '2025-05-28', city='Lachin', host='AZE', match=N(),
     cluster='aze-pak-2025-05-lachin', ev='2', note="'Before the summit': the summit's day and city")],
  rel="'On May 28' -> 2025-05-28",
  extra=dict(org='President of the Republic of Azerbaijan'))

A(260, 'atp-economy-ministers-baku-planned-indus', 'html', 'indus',
  'https://indusmorning.example/news/2011874/economy-ministers-of-pakistan-azerbaijan-turkiye-to-meet-in-baku',
  '2026-11-18T07:50',
  'Economy ministers of Pakistan, Azerbaijan, Türkiye to meet in Baku',
  ["⟦1|The first trilateral meeting of the economy ministers of Pakistan, Azerbaijan and Türkiye will be held in Baku on December 2, the Ministry of Commerce said on Tuesday.⟧",
   "The meeting is expected to approve a roadmap for a trilateral trade agreement and to discuss joint investment in renewable energy and logistics.",
   "Officials said the idea was endorsed by the leaders of the three countries at their summit in Lachin last year."],
  [E('ATP', ATP, 'minister', 'meeting', '2026-12-02', city='Baku', host='AZE', status='planned', ordinal=1, match=N(),
     cluster='atp-economy-2026-12-baku', note='invented (not in the record); no economy format in the record')],
  byline='Khaleeq Kiani', dateline='ISLAMABAD: ',
  rel="'December 2' -> 2026-12-02; 'on Tuesday' (the announcement) -> 2026-11-17")

A(261, 'pak-tur-hlscc-seventh-indus', 'txt', None,
  'https://indusmorning.example/news/1892210/pakistan-turkiye-sign-24-agreements',
  '2025-02-14T08:00',
  'Pakistan, Türkiye sign 24 agreements as Erdogan visits',
  ["⟦1|Pakistan and Türkiye signed 24 agreements and memorandums of understanding on Thursday as President Recep Tayyip Erdogan and Prime Minister Shehbaz Sharif co-chaired the seventh session of the High-Level Strategic Cooperation Council in Islamabad.⟧",
   "The two leaders set a target of raising bilateral trade to $5 billion and agreed to expand cooperation in defence production, energy and information technology.",
   "Mr Erdogan, who arrived on Wednesday night, also called on President Asif Ali Zardari before leaving for Ankara."],
  [E('ATP', ['PAK', 'TUR'], 'head-of-state-or-government', 'meeting', '2025-02-13', city='Islamabad', host='PAK',
     ordinal=7, match=C('atp-2025-02-tur-pak-hlscc-7-islamabad'), cluster='atp-2025-02-tur-pak-hlscc-7-islamabad',
     note="the call on Zardari is part of the same visit; ordinal is the council's own count")],
  dateline='ISLAMABAD: ',
  rel="'on Thursday' -> 2025-02-13 (published Fri 14 Feb 2025)",
  extra=dict(txt='C'), byline='Tahir Khan')

# ---------------------------------------------------------------- TAG

A(262, 'tag-defence-twelfth-ankara-geo-mod', 'html', 'release',
  'https://mod-georgia.example/en/news/read/10457/trilateral-meeting-defence-ministers-ankara',
  '2025-10-09T19:30',
  'Minister of Defence participates in trilateral meeting in Ankara',
  ["⟦1|Minister of Defence of Georgia Irakli Chikovani took part in the twelfth trilateral meeting of the defence ministers of Georgia, Türkiye and Azerbaijan, held in Ankara.⟧",
   "The ministers discussed regional security, cooperation in military education and the joint exercises planned for next year. Minister Chikovani thanked his Turkish counterpart Yaşar Güler for the hospitality.",
   "At the end of the meeting, the ministers signed a joint communiqué."],
  [E('TAG', TAG, 'minister', 'meeting', '2025-10-09', city='Ankara', host='TUR', fmt='tag-defence', ordinal=12,
     match=C('tag-defence-2025-ankara'), cluster='tag-defence-2025-ankara', note='the date is only in the release date')],
  rel='no date in the text: the release date (9 Oct 2025)',
  notes="'the joint exercises planned for next year' names no meeting of a date: not an event",
  extra=dict(org='Ministry of Defence of Georgia'))

A(263, 'tag-fm-baku-thursday-error-tbilisi-times', 'html', 'herald',
  'https://tbilisitimes.example/politics/darchiashvili-bayramov-fidan-trilateral-baku',
  '2024-03-16T10:00',
  'Darchiashvili in Baku for trilateral meeting with Azerbaijan, Türkiye',
  ["⟦1|Foreign Minister Ilia Darchiashvili met his Azerbaijani and Turkish counterparts Jeyhun Bayramov and Hakan Fidan in Baku on Thursday for the ninth trilateral meeting of the three countries' foreign ministers.⟧",
   "The ministers discussed the Middle Corridor, the Baku-Tbilisi-Kars railway and energy projects, according to the Georgian foreign ministry.",
   "The next meeting of the three foreign ministers will be held in Türkiye, the ministry said."],
  [E('TAG', TAG, 'minister', 'meeting', '2024-03-14', city='Baku', host='AZE', fmt='tag-fm', ordinal=9,
     match=X('tag-fm-2024-baku', 'date', '2024-03-15', '2024-03-14'), cluster='tag-fm-2024-baku',
     note="'on Thursday' from Saturday 16 Mar is the 14th; the record has Friday 15 Mar")],
  byline='Nino Abashidze', dateline='TBILISI — ',
  rel="'on Thursday' -> 2024-03-14 (published Sat 16 Mar 2024; wrong, record 15 Mar)",
  notes="the next meeting in Türkiye has no date: not an event",
  extra=dict(paper='The Tbilisi Times'))

# ---------------------------------------------------------------- QUAD

A(264, 'quad-fm-washington-july-2025-coromandel', 'html', 'coromandel',
  'https://coromandel.example/news/international/quad-foreign-ministers-washington-jaishankar/article69761188.ece',
  '2025-07-02T09:15',
  'Quad Foreign Ministers condemn Pahalgam attack, launch critical minerals initiative',
  ["⟦1|External Affairs Minister S. Jaishankar joined his counterparts from the U.S., Japan and Australia at the State Department on Tuesday for the Quad Foreign Ministers' Meeting, where the four condemned the terror attack in Pahalgam in April.⟧",
   "U.S. Secretary of State Marco Rubio hosted the meeting, the tenth of the grouping's foreign ministers, with Australia's Penny Wong and Japan's Takeshi Iwaya.",
   "⟦2|The ministers launched a Quad Critical Minerals Initiative and agreed to work towards the Quad Leaders' Summit that India is to host later this year.⟧"],
  [E('QUAD', Q4, 'minister', 'meeting', '2025-07-01', city='Washington', host='USA', fmt='quad-fm', ordinal=10,
     match=C('quad-fm-2025-07-washington'), cluster='quad-fm-2025-07-washington',
     note="'at the State Department' with a WASHINGTON dateline; ordinal in the next sentence"),
   E('QUAD', Q4, 'head-of-state-or-government', 'meeting', '2025-01-01', prec='year', host='IND', status='planned',
     fmt='quad-summit', match=C('quad-summit-2025-india-not-held'), cluster='quad-summit-2025-india-not-held', ev='2',
     note='the planned India summit of 2025, which the record keeps (postponed)')],
  byline='Sriram Lakshman', dateline='WASHINGTON — ',
  rel="'on Tuesday' -> 2025-07-01 (published Wed 2 Jul 2025); 'later this year' -> 2025",
  extra=dict(standfirst='Ministers agree to work towards the Leaders’ Summit in India'))
A(265, 'quad-summit-2025-not-held-meridian', 'html', 'meridian',
  'https://meridian.example/world/india/quad-summit-india-not-this-year-officials-2025-11-20/',
  '2025-11-20T12:30',
  'Quad summit in India will not take place this year, officials say',
  ["⟦1|The Quad leaders' summit that India was due to host in New Delhi this year will not be held in 2025, two Indian officials said on Thursday, as trade tensions with Washington weigh on the grouping.⟧",
   "No new date has been proposed, one of the officials said, speaking on condition of anonymity because he was not authorised to speak to the media.",
   "U.S. President Donald Trump imposed tariffs of up to 50% on Indian goods in August, straining ties that both sides had spent two decades building."],
  [E('QUAD', Q4, 'head-of-state-or-government', 'meeting', '2025-01-01', prec='year', city='New Delhi', host='IND',
     status='postponed', fmt='quad-summit', match=C('quad-summit-2025-india-not-held'),
     cluster='quad-summit-2025-india-not-held')],
  byline='Shivam Patel', dateline='NEW DELHI, Nov 20 (Meridian) - ',
  rel="'this year' / 'in 2025' -> 2025 (year)",
  extra=dict(kicker='India'))

A(266, 'quad-senior-officials-virtual-2024-mea', 'txt', None,
  'https://mea-india.example/press-releases.htm?dtl/37912/quad_senior_officials_meeting',
  '2024-07-03T20:00',
  'Quad Senior Officials Meeting',
  ["⟦1|Senior Officials of Australia, India, Japan and the United States held Quad consultations in virtual format on 3 July 2024.⟧",
   "The officials reviewed the implementation of the initiatives announced at the Quad Leaders' Summit in Hiroshima in May 2023, including in maritime domain awareness, health security and critical technologies.",
   "They also discussed preparations for the upcoming meeting of the Quad Foreign Ministers in Tokyo."],
  [E('QUAD', Q4, 'officials', 'meeting', '2024-07-03', fmt='quad-officials', match=C('quad-officials-2024-07-virtual'),
     cluster='quad-officials-2024-07-virtual')],
  rel="'on 3 July 2024' -> 2024-07-03",
  notes="'the upcoming meeting ... in Tokyo' has no date: not an event",
  extra=dict(txt='D', outlet='Ministry of External Affairs'))

# ---------------------------------------------------------------- AUKUS

A(267, 'aukus-jsg-submarines-july-2022-dod', 'txt', None,
  'https://defense-news-desk.example/News/Releases/Release/Article/3109553/aukus-joint-steering-group-meets',
  '2022-07-29T15:00',
  'AUKUS Joint Steering Group for nuclear-powered submarines meets in Washington',
  ["⟦1|The AUKUS Joint Steering Group for nuclear-powered submarines met in Washington, D.C., from July 25 to 28.⟧",
   "Delegations from Australia, the United Kingdom and the United States reviewed progress in the consultation period on the optimal pathway for Australia to acquire nuclear-powered submarines, including workforce, infrastructure and stewardship of nuclear materials.",
   "⟦2|The group will meet again in the United Kingdom later this year.⟧"],
  [E('AUKUS', AU, 'officials', 'meeting', '2022-07-25', end='2022-07-28', city='Washington', host='USA',
     fmt='aukus-officials', match=C('aukus-officials-2022-07-jsg-submarines'),
     cluster='aukus-officials-2022-07-jsg-submarines'),
   E('AUKUS', AU, 'officials', 'meeting', '2022-01-01', prec='year', host='GBR', status='planned', fmt='aukus-officials',
     match=N(), cluster='aukus-officials-2022-uk-planned', ev='2', note="'later this year' -> 2022; not in the record")],
  rel="'from July 25 to 28' -> 2022-07-25..28; 'later this year' -> 2022",
  extra=dict(txt='B', outlet='Department of Defense - Releases'))

A(268, 'aukus-defence-ministers-canberra-planned-ledger', 'html', 'herald',
  'https://canberraledger.example/politics/federal/canberra-to-host-aukus-defence-ministers',
  '2026-05-20T05:30',
  'Canberra to host AUKUS defence ministers next month',
  ["⟦1|Australia will host the fifth meeting of AUKUS defence ministers in Canberra next month, Defence Minister Richard Marles announced on Wednesday.⟧",
   "Mr Marles said he expected his US and British counterparts to use the meeting to sign off on the next phase of the submarine program, including the rotation of US and UK boats through HMAS Stirling from 2027.",
   "The last meeting of the three ministers was held at the Pentagon in December."],
  [E('AUKUS', AU, 'minister', 'meeting', '2026-06-01', prec='month', city='Canberra', host='AUS', status='planned',
     fmt='aukus-defence', ordinal=5, match=N(), cluster='aukus-defence-2026-06-canberra',
     note='invented round (not in the record)')],
  byline='Andrew Tillett', dateline='',
  rel="'next month' -> 2026-06 (month); 'in December' background",
  extra=dict(paper='The Canberra Ledger'))
