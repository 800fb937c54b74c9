import html, datetime as dt
from model import clean

MON = ['January','February','March','April','May','June','July','August','September','October','November','December']
MON3 = [m[:3] for m in MON]
RU_MON = ['января','февраля','марта','апреля','мая','июня','июля','августа','сентября','октября','ноября','декабря']
TR_MON = ['Ocak','Şubat','Mart','Nisan','Mayıs','Haziran','Temmuz','Ağustos','Eylül','Ekim','Kasım','Aralık']

def P(a):
    return dt.datetime.fromisoformat(a['pub'])

def esc(s):
    return html.escape(s, quote=False)

def body_html(a, cls=None):
    c = f' class="{cls}"' if cls else ''
    out = []
    for p in a['paras']:
        t = clean(p)
        if t.startswith('## '):
            out.append(f'<h2>{esc(t[3:])}</h2>')
        elif t.startswith('> '):
            out.append(f'<blockquote>{esc(t[2:])}</blockquote>')
        else:
            out.append(f'<p{c}>{esc(t)}</p>')
    return '\n'.join(out)

def related_html(a, head='Related News', tag='aside', cls='related'):
    if not a['related']:
        return ''
    lis = '\n'.join(f'    <li><a href="{h}">{esc(t)}</a></li>' for t, h in a['related'])
    return f'<{tag} class="{cls}">\n  <h3>{esc(head)}</h3>\n  <ul>\n{lis}\n  </ul>\n</{tag}>'

def head(a, extra_meta=''):
    return f'''<!DOCTYPE html>
<html lang="{a['lang']}">
<head>
<meta charset="utf-8">
<title>{esc(a['title'])}{a['extra'].get('title_suffix','')}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="canonical" href="{a['url']}">
{extra_meta}</head>'''

def byline(a, default):
    return esc(a['byline'] or default)

# ---------------------------------------------------------------- templates

def t_apw(a):
    d = P(a)
    stamp = f"{MON[d.month-1]} {d.day}, {d.year} {d.strftime('%I:%M %p').lstrip('0')} GMT"
    dl = a['dateline'] or ''
    paras = list(a['paras'])
    first = clean(paras[0])
    rest = body_html(dict(a, paras=paras[1:]))
    return f'''{head(a)}
<body>
<div class="cookie-banner">We use cookies to personalise content and to analyse our traffic. <button>Accept all</button> <button>Manage</button></div>
<header class="masthead"><a href="/">Asia-Pacific Wire</a>
<nav><a href="/world">World</a> | <a href="/asia-pacific">Asia-Pacific</a> | <a href="/business">Business</a> | <a href="/markets">Markets</a> | <a href="/tech">Tech</a></nav></header>
<main>
<article>
<h1>{esc(a['title'])}</h1>
<div class="byline">By {byline(a, 'APW staff')}</div>
<span class="timestamp">{stamp}</span>
<p>{esc(dl)}{esc(first)}</p>
{rest}
<p class="reporting">(Reporting by {byline(a, 'APW staff')}; Editing by the APW Asia desk)</p>
</article>
{related_html(a, 'Trending on APW')}
</main>
<footer>&copy; {d.year} Asia-Pacific Wire. All rights reserved. <a href="/terms">Terms</a> <a href="/privacy">Privacy</a></footer>
</body>
</html>
'''

def t_ledger(a):
    d = P(a)
    iso = d.strftime('%Y-%m-%dT%H:%M:00+05:30')
    upd = f"{MON[d.month-1]} {d.day}, {d.year} {d.strftime('%H:%M')} IST"
    paras = a['paras']
    k = min(2, len(paras))
    top = body_html(dict(a, paras=paras[:k]))
    bot = body_html(dict(a, paras=paras[k:]))
    also = ''
    if a['related']:
        t, h = a['related'][0]
        also = f'<div class="also-read"><strong>ALSO READ</strong> <a href="{h}">{esc(t)}</a></div>'
    return f'''{head(a, f'<meta property="article:published_time" content="{iso}">' + chr(10) + '<meta property="og:site_name" content="The Deccan Ledger">' + chr(10))}
<body>
<div id="gdpr">This website uses cookies. By continuing you agree to our cookie policy. <a href="/cookies">Learn more</a></div>
<header><div class="logo">The Deccan Ledger</div>
<ul class="menu"><li>India</li><li>World</li><li>Business</li><li>Opinion</li><li>Sport</li><li>ePaper</li></ul></header>
<div class="breadcrumb">Home &rsaquo; {esc(a['extra'].get('section','India'))} &rsaquo; Diplomacy</div>
<h1>{esc(a['title'])}</h1>
{('<h2 class="standfirst">'+esc(a['standfirst'])+'</h2>') if a['standfirst'] else ''}
<div class="meta"><span class="author">{byline(a, 'Special Correspondent')}</span> <span class="updated">Updated: {upd}</span></div>
<div class="story">
{top}
{also}
{bot}
</div>
{related_html(dict(a, related=a['related'][1:]), 'Related Stories', 'section')}
<div class="newsletter">Get the day's top stories in your inbox. <input placeholder="Email"> <button>Subscribe</button></div>
<footer>The Deccan Ledger &middot; Hyderabad &middot; <a href="/about">About us</a> &middot; <a href="/contact">Contact</a></footer>
</body>
</html>
'''

def t_herald(a):
    d = P(a)
    tz = a['extra'].get('tz', '+10:00')
    iso = d.strftime('%Y-%m-%dT%H:%M:00') + tz
    hh = d.strftime('%I.%M%p').lstrip('0').lower()
    vis = f"{MON[d.month-1]} {d.day}, {d.year} — {hh}"
    return f'''{head(a, '<meta name="publisher" content="The Harbour Herald">' + chr(10))}
<body>
<div class="consent">We value your privacy. We and our partners use cookies. <a href="/privacy">Options</a> <button>Agree</button></div>
<nav class="top"><a href="/">The Harbour Herald</a> <a href="/national">National</a> <a href="/politics/federal">Federal politics</a> <a href="/world">World</a> <a href="/business">Business</a> <a href="/culture">Culture</a></nav>
<article>
<header>
<h1>{esc(a['title'])}</h1>
{('<p class="standfirst">'+esc(a['standfirst'])+'</p>') if a['standfirst'] else ''}
<p class="byline">By {byline(a, 'Herald staff')}</p>
<time datetime="{iso}">{vis}</time>
</header>
{body_html(a)}
<div class="paywall-note">Get news and reviews on technology, gadgets and gaming in our Technology newsletter every Friday. <a href="/newsletters">Sign up here</a>.</div>
</article>
{related_html(a, 'Most Viewed in Politics', 'aside', 'most-viewed')}
<footer>Copyright &copy; {d.year} Harbour Herald Media. <a href="/conditions">Conditions of use</a></footer>
</body>
</html>
'''

def t_kanto(a):
    d = P(a)
    return f'''{head(a)}
<body>
<div class="hdr">THE KANTO TIMES <span class="sub">English edition</span></div>
<ul class="gnav"><li>Politics</li><li>Society</li><li>Business</li><li>World</li><li>Sports</li><li>Culture</li><li>Editorial</li></ul>
<div class="article-main">
<h1>{esc(a['title'])}</h1>
<p class="pubinfo">Published: {d.strftime('%d.%m.%Y %H:%M')} JST</p>
<p class="credit">{byline(a, 'The Kanto Times')}</p>
{body_html(a)}
</div>
{related_html(a, 'Politics ranking', 'div', 'ranking')}
<div class="premium">Sign up for the Kanto Times Premium and read all articles. First month free.</div>
<div class="ftr">All rights reserved. No reproduction or republication without written permission. The Kanto Times</div>
</body>
</html>
'''

def t_release(a):
    """Official press release; a['extra']: org, kind_label, date_in ('text'|'url'|'meta'), crumbs."""
    d = P(a)
    x = a['extra']
    org = x['org']
    date_in = x.get('date_in', 'text')
    dstr = x.get('date_fmt', 'dmy')
    if dstr == 'dmy':
        vis = f"{d.day} {MON[d.month-1]} {d.year}"
    elif dstr == 'mdy':
        vis = f"{MON[d.month-1]} {d.day}, {d.year}"
    else:
        vis = d.strftime(dstr)
    meta = ''
    if date_in == 'meta':
        meta = f'<meta name="dcterms.date" content="{d.date().isoformat()}">\n'
    dateline = f'<p class="release-date">{esc(x.get("kind_label","Media release"))} &mdash; {vis}</p>' if date_in == 'text' else f'<p class="release-type">{esc(x.get("kind_label","Media release"))}</p>'
    crumbs = ' &gt; '.join(esc(c) for c in x.get('crumbs', ['Home', 'Media', 'Media releases']))
    return f'''{head(a, meta)}
<body>
<a class="skip" href="#content">Skip to main content</a>
<header class="gov-header"><img src="/img/crest.svg" alt="Crest"> <span>{esc(org)}</span>
<nav><a href="/about">About</a> <a href="/policy">Policy</a> <a href="/media">Media</a> <a href="/contact">Contact</a></nav></header>
<div class="breadcrumbs">{crumbs}</div>
<main id="content">
<h1>{esc(a['title'])}</h1>
{dateline}
{('<p class="issuer">'+esc(a['byline'])+'</p>') if a['byline'] else ''}
{body_html(a)}
<p class="ends">{esc(x.get('ends','ENDS'))}</p>
</main>
{related_html(a, x.get('rel_head','Latest media releases'), 'aside', 'latest')}
<footer><a href="/accessibility">Accessibility</a> | <a href="/copyright">Copyright</a> | <a href="/privacy">Privacy</a> | <a href="/disclaimer">Disclaimer</a></footer>
</body>
</html>
'''

def t_tv(a):
    d = P(a)
    vis = f"{MON3[d.month-1]} {d.day:02d}, {d.year} | {d.strftime('%I:%M %p')} IST"
    return f'''{head(a, '<meta property="og:type" content="article">' + chr(10))}
<body>
<div class="topbar">NewsNine Live <a class="live" href="/live-tv">&#9679; LIVE TV</a></div>
<nav><a href="/">Home</a> <a href="/india">India</a> <a href="/world">World</a> <a href="/videos">Videos</a> <a href="/elections">Elections</a> <a href="/cricket">Cricket</a></nav>
<div class="story-wrap">
<h1>{esc(a['title'])}</h1>
<div class="byline">{byline(a, 'NewsNine Desk')} | Updated on {vis}</div>
<div class="video-embed">[Video] Watch: {esc(a['extra'].get('video', a['title']))}</div>
{body_html(a)}
</div>
{related_html(a, 'Trending Now', 'div', 'trending')}
<div class="app-promo">Download the NewsNine app for breaking news alerts.</div>
<footer>&copy; NewsNine Live {d.year}</footer>
</body>
</html>
'''

def t_strategist(a):
    d = P(a)
    vis = f"{d.day} {MON[d.month-1]} {d.year}"
    bio = a['extra'].get('bio', '')
    return f'''{head(a)}
<body>
<header><span class="brand">The Strategist Review</span> <nav><a href="/analysis">Analysis</a> <a href="/opinion">Opinion</a> <a href="/podcasts">Podcasts</a> <a href="/events">Events</a> <a href="/donate">Support us</a></nav></header>
<article class="post">
<p class="kicker">{esc(a['extra'].get('kicker', a['genre'].capitalize()))}</p>
<h1>{esc(a['title'])}</h1>
<p class="author">{byline(a, 'Editorial team')} <span class="pubdate">{vis}</span></p>
{body_html(a)}
<div class="bio">{esc(bio)}</div>
<p class="tags">Tags: {esc(', '.join(a['extra'].get('tags', [])))}</p>
</article>
{related_html(a, 'More on the Indo-Pacific', 'aside', 'more')}
<section class="comments"><h3>{a['extra'].get('comments', 3)} comments</h3><p>Comments are moderated and will appear after approval.</p></section>
<footer>The Strategist Review is an independent publication. Views expressed are the authors' own.</footer>
</body>
</html>
'''

def t_defledger(a):
    d = P(a)
    iso = d.strftime('%Y-%m-%dT%H:%M:00-05:00') if a['extra'].get('tz') is None else d.strftime('%Y-%m-%dT%H:%M:00') + a['extra']['tz']
    import json
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": a['title'],
                     "datePublished": iso, "author": {"@type": "Person", "name": a['byline'] or 'Staff'},
                     "publisher": {"@type": "Organization", "name": "Defense Ledger"}}, ensure_ascii=False)
    return f'''{head(a, f'<script type="application/ld+json">{ld}</script>' + chr(10))}
<body>
<header class="site">DEFENSE LEDGER <nav><a href="/land">Land</a> <a href="/naval">Naval</a> <a href="/air">Air</a> <a href="/space">Space</a> <a href="/industry">Industry</a> <a href="/policy">Policy</a></nav></header>
<div class="ad">Advertisement</div>
<article>
<h1>{esc(a['title'])}</h1>
<p class="by">By {byline(a, 'Staff writer')}</p>
{body_html(a)}
</article>
<div class="sponsored">Sponsored: Next-generation sonar for the undersea fight &rarr;</div>
{related_html(a, 'Read Next', 'aside', 'read-next')}
<div class="nl">Get the Naval &amp; Maritime newsletter. <button>Sign up</button></div>
<footer>&copy; Defense Ledger. All rights reserved.</footer>
</body>
</html>
'''

def t_whitehall(a):
    # date only in the URL
    return f'''{head(a)}
<body>
<div class="cookies">Can we store cookies on your device? <button>Yes</button> <button>No, thanks</button></div>
<header>WHITEHALL REVIEW <nav><a href="/uk">UK</a> <a href="/politics">Politics</a> <a href="/defence">Defence</a> <a href="/world">World</a> <a href="/comment">Comment</a></nav></header>
<article>
<h1>{esc(a['title'])}</h1>
{('<p class="sub">'+esc(a['standfirst'])+'</p>') if a['standfirst'] else ''}
<p class="writer">{byline(a, 'Political staff')}</p>
<div class="share">Share on: X | Facebook | Email</div>
{body_html(a)}
</article>
{related_html(a, 'Most popular', 'aside', 'popular')}
<footer>Whitehall Review Ltd, London. Registered in England.</footer>
</body>
</html>
'''

def t_vesti(a):
    d = P(a)
    vis = f"{d.day} {RU_MON[d.month-1]} {d.year}, {d.strftime('%H:%M')}"
    return f'''{head(a)}
<body>
<header><a href="/">Вести Восток</a>
<nav><a href="/politika">Политика</a> <a href="/ekonomika">Экономика</a> <a href="/v-mire">В мире</a> <a href="/obshchestvo">Общество</a></nav></header>
<div class="cookie">Мы используем файлы cookie. Продолжая пользоваться сайтом, вы соглашаетесь с этим. <button>OK</button></div>
<article>
<h1>{esc(a['title'])}</h1>
<div class="date">{vis}</div>
<div class="author">{byline(a, 'Редакция')}</div>
{body_html(a)}
</article>
{related_html(a, 'Читайте также', 'aside', 'also')}
<footer>© {d.year} Вести Восток. Все права защищены. 18+</footer>
</body>
</html>
'''

def t_daybreak(a):
    d = P(a)
    vis = f"{MON[d.month-1]} {d.day}, {d.year}"
    return f'''{head(a, '<meta property="og:site_name" content="The Daybreak">' + chr(10))}
<body>
<header class="db-head">THE DAYBREAK <span class="city">Karachi</span>
<nav><a href="/latest">Latest</a> <a href="/pakistan">Pakistan</a> <a href="/world">World</a> <a href="/business">Business</a> <a href="/opinion">Opinion</a> <a href="/sport">Sport</a> <a href="/prism">Prism</a></nav></header>
<article>
<h1>{esc(a['title'])}</h1>
<div class="story__byline">{byline(a, 'Our Correspondent')}</div>
<div class="story__time">Published {vis}</div>
<div class="story__content">
{body_html(a)}
</div>
</article>
{related_html(a, 'Read more', 'aside', 'db-related')}
<div class="comments">Comments are closed on this story.</div>
<footer>Copyright &copy; {d.year}, The Daybreak</footer>
</body>
</html>
'''

def t_crescent(a):
    d = P(a)
    vis = f"{MON3[d.month-1]} {d.day:02d}, {d.year} - {d.strftime('%I:%M').lstrip('0')} {d.strftime('%p').lower()} GMT+3"
    return f'''{head(a, '<meta name="author" content="Daily Crescent">' + chr(10))}
<body>
<header>DAILY CRESCENT <nav><a href="/turkiye">Türkiye</a> <a href="/politics">Politics</a> <a href="/business">Business</a> <a href="/world">World</a> <a href="/opinion">Opinion</a> <a href="/sports">Sports</a></nav></header>
<article>
<h1>{esc(a['title'])}</h1>
{('<h2>'+esc(a['standfirst'])+'</h2>') if a['standfirst'] else ''}
<div class="details">{byline(a, 'DAILY CRESCENT WITH AA')} <span class="place">{esc(a['extra'].get('place','ISTANBUL'))}</span> <span class="date">{vis}</span></div>
{body_html(a)}
</article>
{related_html(a, 'Related Articles', 'aside', 'rel')}
<footer>Daily Crescent &copy; {d.year}. All rights reserved.</footer>
</body>
</html>
'''

def t_anatolian(a):
    d = P(a)
    dd = d.strftime('%d.%m.%Y')
    lab = a['extra'].get('labels', ('Update', 'RELATED NEWS'))
    return f'''{head(a)}
<body>
<header>ANATOLIAN WIRE <nav>{a['extra'].get('nav','<a href="/politics">Politics</a> <a href="/world">World</a> <a href="/economy">Economy</a> <a href="/analysis">Analysis</a> <a href="/life">Life</a>')}</nav></header>
<article>
<h1>{esc(a['title'])}</h1>
{('<h4>'+esc(a['standfirst'])+'</h4>') if a['standfirst'] else ''}
<div class="detay-bilgi"><span class="reporter">{byline(a, 'Staff')}</span> |{dd} - {lab[0]} : {dd}</div>
<p class="place">{esc(a['extra'].get('place','ANKARA'))}</p>
{body_html(a)}
</article>
{related_html(a, lab[1], 'div', 'ilgili')}
<footer>Anatolian Wire &copy; {d.year}</footer>
</body>
</html>
'''

def t_ppa(a):
    d = P(a)
    return f'''{head(a)}
<body>
<header>PAKISTAN PRESS AGENCY <nav><a href="/national">National</a> <a href="/international">International</a> <a href="/business">Business</a> <a href="/sports">Sports</a> <a href="/photos">Photos</a></nav></header>
<article>
<h1>{esc(a['title'])}</h1>
<p class="post-date">{d.strftime('%A, %B')} {d.day}, {d.year}</p>
{body_html(a)}
</article>
{related_html(a, 'You may also like', 'aside', 'also')}
<footer>&copy; Pakistan Press Agency. All rights reserved.</footer>
</body>
</html>
'''

def t_urdu(a):
    d = P(a)
    return f'''{head(a)}
<body>
<header>KHABRAIN ONLINE <nav><a href="/qaumi">Qaumi</a> <a href="/bain-ul-aqwami">Bain-ul-Aqwami</a> <a href="/karobar">Karobar</a> <a href="/khel">Khel</a></nav></header>
<article>
<h1>{esc(a['title'])}</h1>
<p class="date">Shaya: {d.day} {MON[d.month-1]} {d.year}</p>
<p class="by">{byline(a, 'Khabrain Desk')}</p>
{body_html(a)}
</article>
{related_html(a, 'Mazeed Khabrein', 'aside', 'mazeed')}
<footer>Tamam huqooq mehfooz hain &copy; {d.year}</footer>
</body>
</html>
'''

TEMPLATES = dict(apw=t_apw, ledger=t_ledger, herald=t_herald, kanto=t_kanto, release=t_release,
                 tv=t_tv, strategist=t_strategist, defledger=t_defledger, whitehall=t_whitehall,
                 vesti=t_vesti, daybreak=t_daybreak, crescent=t_crescent, anatolian=t_anatolian,
                 ppa=t_ppa, urdu=t_urdu)

def render_txt(a):
    x = a['extra']
    style = x.get('txt', 'A')
    d = P(a)
    body = '\n\n'.join(clean(p).lstrip('#> ').strip() for p in a['paras'])
    if style == 'A':
        hdr = f"{a['title']}\nPublished: {d.date().isoformat()}\n"
        if a['byline']:
            hdr += f"By {a['byline']}\n"
    elif style == 'B':
        hdr = f"{a['title'].upper()}\n{d.day} {MON[d.month-1]} {d.year}\n" + (f"{x['label']}\n" if x.get('label') else '')
    elif style == 'C':
        hdr = f"{a['title']} | {x.get('outlet','')}\nDate: {d.strftime('%d/%m/%Y')}\nSource: {a['url']}\n"
    elif style == 'D':
        hdr = f"{x.get('outlet','')}\n{a['title']}\n{MON[d.month-1]} {d.day}, {d.year}\n"
        if a['byline']:
            hdr += f"{a['byline']}\n"
    elif style == 'E':
        hdr = f"{a['title']}\n{d.strftime('%A')} {d.day} {MON[d.month-1]} {d.year} {d.strftime('%H:%M')}\n"
    elif style == 'F':  # date only in the text body
        hdr = f"{a['title']}\n{x.get('outlet','')}\n"
    else:
        raise ValueError(style)
    dl = (a['dateline'] or '')
    if dl:
        first, *rest = body.split('\n\n', 1)
        body = dl + first + ('\n\n' + rest[0] if rest else '')
    tail = x.get('txt_tail', '')
    return hdr + '\n' + body + '\n' + (('\n' + tail + '\n') if tail else '')

def render(a):
    if a['ext'] == 'txt':
        return render_txt(a)
    if a['dateline'] and a['tpl'] != 'apw':
        a = dict(a, paras=[a['dateline'] + a['paras'][0]] + a['paras'][1:])
    return TEMPLATES[a['tpl']](a)
