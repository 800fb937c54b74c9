"""Hard negatives: bilateral visits of states that share no group, summits of larger
organisations, analyses and opinion. No events."""
from model import A

A(269, 'moon-canberra-state-visit-courier', 'html', 'herald',
  'https://sydneycourier.example/politics/federal/moon-morrison-sign-defence-deal-canberra',
  '2021-12-13T19:45',
  'Moon and Morrison sign $1 billion defence deal in Canberra',
  ["South Korean President Moon Jae-in and Prime Minister Scott Morrison signed a defence contract worth about $1 billion on Monday, as Moon became the first foreign leader to visit Australia since the start of the pandemic.",
   "Under the deal, South Korea's Hanwha Defense will supply self-propelled howitzers and armoured supply vehicles to the Australian Army.",
   "Asked about the Quad and the AUKUS pact, Mr Moon said South Korea was not considering joining either grouping, but wanted to cooperate with Australia on critical minerals and hydrogen.",
   "The two leaders also upgraded the relationship to a comprehensive strategic partnership."],
  [], byline='Anthony Galloway', dateline='',
  notes='AUS-KOR share no group: no candidate (hard negative).',
  related=[('Quad foreign ministers to meet in Melbourne', '/politics/federal/quad-melbourne')],
  extra=dict(paper='The Sydney Courier'))

A(270, 'ots-gabala-summit-bna', 'html', 'bna',
  'https://bna.example/en/politics/organization-of-turkic-states-summit-held-in-gabala/3710455',
  '2025-10-07T21:10',
  'Organization of Turkic States summit held in Gabala',
  ["The 12th summit of the Organization of Turkic States was held on Tuesday in the Azerbaijani city of Gabala under the theme of regional peace and security.",
   "The summit brought together President Recep Tayyip Erdogan, Azerbaijani President Ilham Aliyev, Kazakh President Kassym-Jomart Tokayev, Uzbek President Shavkat Mirziyoyev and Kyrgyz President Sadyr Japarov, along with Hungarian Prime Minister Viktor Orban and Turkmenistan's national leader Gurbanguly Berdimuhamedov, whose country is an observer.",
   "The leaders of the member states signed the Gabala Declaration, which calls for closer cooperation in defence industry, transport and energy.",
   "Azerbaijan took over the rotating chairmanship of the organization from Kyrgyzstan."],
  [], byline='Ahmet Gencturk',
  notes='A summit of an organisation of which the ATT and TAG members are members or observers: no trilateral meeting (hard negative).',
  extra=dict(place='GABALA'))

A(271, 'g20-rio-xi-biden-sino', 'html', 'sino',
  'https://sinowire.example/english/20241118/6d0b3f9a21/c.html',
  '2024-11-18T23:30',
  'Xi arrives in Rio de Janeiro for G20 summit',
  ["Chinese President Xi Jinping arrived here on Sunday to attend the 19th G20 summit, to be held on Monday and Tuesday.",
   "On Saturday, Xi met U.S. President Joe Biden in Lima on the sidelines of the APEC Economic Leaders' Meeting, their last meeting before Biden leaves office in January.",
   "Xi is also scheduled to meet Australian Prime Minister Anthony Albanese and the leaders of several other countries in Rio de Janeiro.",
   "Leaders of the world's major economies, including Indian Prime Minister Narendra Modi and Japanese Prime Minister Shigeru Ishiba, are attending the summit."],
  [], byline='huaxia', dateline='RIO DE JANEIRO, Nov. 18 (Sinowire) -- ',
  notes='CHN-USA and CHN-AUS share no group; the G20 is a larger organisation (hard negative).')

A(272, 'analysis-camp-david-two-years-on', 'txt', None,
  'https://pacificforum-review.example/analysis/2025/03/camp-david-two-years-on',
  '2025-03-20T09:00',
  'Camp David, two years on: can the U.S.-Japan-Korea trilateral survive its politics?',
  ["When Joe Biden, Fumio Kishida and Yoon Suk Yeol met at Camp David in August 2023, they promised to make their trilateral cooperation proof against changes of government. Less than two years later, all three have left office or are on their way out.",
   "The institutions built since then are modest but real: a secretariat opened in Seoul in November, a multidomain exercise called Freedom Edge held twice last year, and regular meetings of ministers on the margins of international conferences.",
   "What they cannot guarantee is political will. A summit of the three leaders has not been held since Lima in November, and none is scheduled.",
   "The best hope for the partnership may be the officials who run it day to day."],
  [], genre='analysis', byline='By Hiroshi Tanaka and Kim Min-ji',
  notes='Analysis: every meeting is background (more than 45 days old or undated).',
  extra=dict(txt='C'))

A(273, 'nato-hague-summit-meridian', 'html', 'meridian',
  'https://meridian.example/world/europe/nato-leaders-agree-five-percent-hague-2025-06-25/',
  '2025-06-25T17:20',
  'NATO leaders agree to five percent spending goal at Hague summit',
  ["NATO leaders agreed on Wednesday to raise their defence spending target to five percent of economic output by 2035, at a summit in The Hague shortened to suit U.S. President Donald Trump.",
   "Leaders of the 32 member states, among them Polish Prime Minister Donald Tusk and Lithuanian President Gitanas Nausėda, backed a short final declaration that called Russia a long-term threat to the alliance.",
   "Ukrainian President Volodymyr Zelensky, who attended a dinner hosted by the Dutch king on Tuesday, met Trump on the sidelines of the summit.",
   "Spain said it would not meet the new target."],
  [], byline='Andrew Gray and Sabine Siebold', dateline='THE HAGUE, June 25 (Meridian) - ',
  notes='A NATO summit attended by the three Lublin Triangle states: no trilateral meeting; UKR-USA share no group (hard negative).',
  extra=dict(kicker='Europe'))

A(274, 'oped-quad-missing-summit', 'html', 'opinion',
  'https://coromandel.example/opinion/lead/the-quads-missing-summit/article70321456.ece',
  '2025-12-10T00:15',
  'The Quad’s missing summit',
  ["For the first time since 2021, a year has passed without the leaders of Australia, India, Japan and the United States meeting. The summit New Delhi was meant to host in 2025 has quietly slipped off the calendar.",
   "The foreign ministers did their part: they met in Washington in January, hours after the new U.S. administration took office, and again in July, when they launched a critical minerals initiative.",
   "But a grouping that exists mainly to signal resolve cannot afford to go quiet at the top. India should propose firm dates early in the new year and invite the three leaders to come.",
   "The alternative is a Quad that survives on paper while its members hedge in practice."],
  [], genre='opinion', byline='Harsh V. Sinha',
  notes='Opinion: the meetings named are background; the call for a summit has no date.',
  extra=dict(paper='The Coromandel Chronicle', label='Lead', bio='The writer is a former diplomat.'))
