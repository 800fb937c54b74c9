"""Page templates of the letter-C articles: invented outlets in the manner of wires, national
agencies, newspapers, ministries, presidencies and parliaments. Page noise (menus, cookie
notices, related links that name OTHER meetings, footers) is part of every template."""
import datetime as dt
import html

from model import clean

MON = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
       'November', 'December']
MON3 = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']


NL = '\n'


def P(a):
    return dt.datetime.fromisoformat(a['pub'])


def esc(s):
    return html.escape(s, quote=False)


def paras_html(paras, cls=None):
    c = f' class="{cls}"' if cls else ''
    out = []
    for p in paras:
        t = clean(p)
        if t.startswith('## '):
            out.append(f'<h2>{esc(t[3:])}</h2>')
        elif t.startswith('> '):
            out.append(f'<blockquote><p>{esc(t[2:])}</p></blockquote>')
        else:
            out.append(f'<p{c}>{esc(t)}</p>')
    return '\n'.join(out)


def body(a, cls=None):
    """Paragraphs with the dateline opening the first one."""
    ps = list(a['paras'])
    first = esc(a['dateline']) + esc(clean(ps[0]))
    c = f' class="{cls}"' if cls else ''
    return f'<p{c}>{first}</p>\n' + paras_html(ps[1:], cls)


def related(a, head, tag='aside', cls='related'):
    if not a['related']:
        return ''
    items = '\n'.join(f'  <li><a href="{h}">{esc(t)}</a></li>' for t, h in a['related'])
    return f'<{tag} class="{cls}">\n<h3>{esc(head)}</h3>\n<ul>\n{items}\n</ul>\n</{tag}>'


def head(a, meta=''):
    return (f'<!DOCTYPE html>\n<html lang="{a["lang"]}">\n<head>\n<meta charset="utf-8">\n'
            f'<title>{esc(a["title"])}{esc(a["extra"].get("title_suffix", ""))}</title>\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n{meta}</head>')


def by(a, default):
    return esc(a['byline'] or default)


# ------------------------------------------------------------------ wires


def t_meridian(a):
    d = P(a)
    iso = d.strftime('%Y-%m-%dT%H:%M:00Z')
    return f'''{head(a, f'<meta property="og:title" content="{esc(a["title"])}">{NL}')}
<body>
<div id="consent">This site uses cookies. By continuing you agree to our use of cookies. <a href="/privacy">Learn more</a></div>
<header><a class="logo" href="/">MERIDIAN</a>
<nav><ul><li><a href="/world">World</a></li><li><a href="/business">Business</a></li><li><a href="/markets">Markets</a></li><li><a href="/world/europe">Europe</a></li><li><a href="/world/asia-pacific">Asia Pacific</a></li></ul></nav></header>
<main>
<article>
<p class="kicker">{esc(a['extra'].get('kicker', 'World'))}</p>
<h1>{esc(a['title'])}</h1>
<p class="byline">By {by(a, 'Meridian staff')}</p>
<time datetime="{iso}">{MON[d.month - 1]} {d.day}, {d.year} {d.strftime('%I:%M %p').lstrip('0')} UTC</time>
{body(a)}
<p class="credit">(Reporting by {by(a, 'Meridian staff')}; Editing by {esc(a['extra'].get('editor', 'Peter Graff'))})</p>
</article>
{related(a, 'Read next')}
</main>
<footer><p>All quotes delayed a minimum of 15 minutes.</p><p>&copy; {d.year} Meridian News. All rights reserved.</p></footer>
</body>
</html>
'''


def t_globe(a):
    d = P(a)
    iso = d.strftime('%Y-%m-%dT%H:%M:00+02:00')
    return f'''{head(a, f'<meta property="article:published_time" content="{iso}">{NL}<meta name="author" content="{by(a, "AGP")}">{NL}')}
<body>
<div class="topbar"><a href="/en">English</a> | <a href="/fr">Français</a> | <a href="/es">Español</a></div>
<header><h2 class="brand">Agence Globe Presse</h2><nav><a href="/en/world">World</a> <a href="/en/europe">Europe</a> <a href="/en/diplomacy">Diplomacy</a> <a href="/en/sport">Sport</a></nav></header>
<div class="main">
<h1>{esc(a['title'])}</h1>
<div class="meta">AGP &middot; {by(a, 'AGP')}</div>
<div class="text">
{body(a)}
</div>
<div class="tags">Tags: {esc(a['extra'].get('tags', 'diplomacy, Europe'))}</div>
</div>
{related(a, 'Most read', 'section', 'mostread')}
<footer>&copy; AGP {d.year}. Reproduction prohibited. <a href="/cookies">Cookie settings</a></footer>
</body>
</html>
'''


def t_aw(a):
    d = P(a)
    tz = a['extra'].get('tz', 'GMT+9')
    stamp = f"Updated {d.strftime('%I:%M %p').lstrip('0')} {tz}, {MON[d.month - 1]} {d.day}, {d.year}"
    return f'''{head(a)}
<body>
<header class="site"><span class="logo">AW</span> <a href="/hub/world-news">World News</a> <a href="/hub/politics">Politics</a> <a href="/hub/asia-pacific">Asia Pacific</a> <a href="/hub/photography">Photography</a></header>
<main>
<div class="headline"><h1>{esc(a['title'])}</h1></div>
<div class="byline">By {by(a, 'The Associated Wire')}</div>
<div class="timestamp">{stamp}</div>
<div class="story">
{body(a)}
</div>
<p class="footnote">{esc(a['extra'].get('footnote', 'Associated Wire writers contributed to this report.'))}</p>
</main>
{related(a, 'Related coverage', 'div', 'rail')}
<footer>Copyright {d.year} The Associated Wire. All Rights Reserved. This material may not be published, broadcast, rewritten or redistributed.</footer>
</body>
</html>
'''


# ------------------------------------------------------------------ national agencies


def t_sino(a):
    d = P(a)
    return f'''{head(a, '<meta name="keywords" content="trilateral, diplomacy">' + NL)}
<body>
<div class="navbar"><a href="/english/">Home</a> | <a href="/english/china/">China</a> | <a href="/english/world/">World</a> | <a href="/english/business/">Business</a> | <a href="/english/photos/">Photos</a></div>
<div class="container">
<h1>{esc(a['title'])}</h1>
<div class="info">Source: Sinowire | {d.strftime('%Y-%m-%d %H:%M:%S')} | Editor: {by(a, 'huaxia')}</div>
<div id="detail">
{body(a)}
</div>
<div class="share">Share: <a href="#">Weibo</a> <a href="#">WeChat</a></div>
</div>
{related(a, 'Related:', 'div', 'related')}
<div class="footer">Copyright &copy; {d.year} Sinowire. All rights reserved.</div>
</body>
</html>
'''


def t_rna(a):
    d = P(a)
    iso = d.strftime('%Y-%m-%dT%H:%M:00+03:00')
    return f'''{head(a, f'<meta property="article:published_time" content="{iso}">{NL}')}
<body>
<header><a href="/">RNA — Russian News Agency</a><nav><a href="/politics">Politics</a> <a href="/world">World</a> <a href="/economy">Economy</a> <a href="/society">Society</a></nav></header>
<section class="news">
<h1>{esc(a['title'])}</h1>
<div class="news-header__date">{d.day} {MON[d.month - 1]}, {d.strftime('%H:%M')}</div>
<div class="text-block">
{body(a)}
</div>
</section>
{related(a, 'More in World')}
<footer>&copy; RNA {d.year}. When using materials of the agency, a link to RNA is required.</footer>
</body>
</html>
'''


def t_bna(a):
    d = P(a)
    upd = P(dict(pub=a['extra'].get('updated', a['pub'])))
    return f'''{head(a)}
<body>
<div class="cookie">We use cookies to improve your experience. <a href="#">OK</a></div>
<header><span class="brand">Bosphorus News Agency</span> <nav><a href="/en/turkiye">Türkiye</a> <a href="/en/world">World</a> <a href="/en/politics">Politics</a> <a href="/en/energy">Energy</a></nav></header>
<article>
<h1>{esc(a['title'])}</h1>
<div class="detay-bilgi"><span>{by(a, 'BNA staff')}</span> |{d.strftime('%d.%m.%Y')} - Update : {upd.strftime('%d.%m.%Y')}</div>
<div class="location">{esc(a['extra'].get('place', 'ANKARA'))}</div>
<div class="detay-icerik">
{body(a)}
</div>
</article>
{related(a, 'Related topics', 'div', 'related-news')}
<footer>&copy; Bosphorus News Agency {d.year}</footer>
</body>
</html>
'''


def t_nippon(a):
    d = P(a)
    return f'''{head(a, f'<meta name="pubdate" content="{d.strftime("%Y-%m-%d")}">{NL}')}
<body>
<header><a href="/">NIPPON WIRE</a> <nav><a href="/news/politics">Politics</a> <a href="/news/world">World</a> <a href="/news/business">Business</a> <a href="/news/sports">Sports</a></nav></header>
<article>
<h1>{esc(a['title'])}</h1>
<p class="date">{MON3[d.month - 1]} {d.day}, {d.year} | {d.strftime('%H:%M')} JST</p>
{body(a)}
</article>
{related(a, 'Related articles')}
<div class="ranking"><h3>Ranking</h3><ol><li><a href="/news/1">Yen slides to fresh low against dollar</a></li><li><a href="/news/2">Typhoon approaches Okinawa</a></li></ol></div>
<footer>&copy; Nippon Wire</footer>
</body>
</html>
'''


def t_hanbit(a):
    d = P(a)
    return f'''{head(a)}
<body>
<div class="gnb"><a href="/en/">HANBIT NEWS AGENCY</a> <a href="/en/nk">N. Korea</a> <a href="/en/politics">Politics</a> <a href="/en/economy">Economy</a> <a href="/en/culture">Culture</a></div>
<div class="content">
<p class="category">All News</p>
<h1 class="tit">{esc(a['title'])}</h1>
<p class="update-time">{d.strftime('%H:%M')} {MON[d.month - 1]} {d.day:02d}, {d.year}</p>
<div class="story-news article">
{body(a)}
<p class="mail">({by(a, 'newsdesk')}@hanbit.example)</p>
</div>
</div>
{related(a, 'Related Articles', 'div', 'keyword-zone')}
<footer>(END) &copy; {d.year} Hanbit News Agency. All rights reserved.</footer>
</body>
</html>
'''


def t_vpa(a):
    d = P(a)
    return f'''{head(a)}
<body>
<div class="rodo">We process personal data in accordance with GDPR. <button>Accept</button></div>
<header><span>Vistula Press Agency</span> &ndash; <em>English service</em><nav><a href="/en/politics">Politics</a> <a href="/en/business">Business</a> <a href="/en/world">World</a> <a href="/en/sci">Science</a></nav></header>
<article>
<h1>{esc(a['title'])}</h1>
<div class="article-date">{d.strftime('%d.%m.%Y %H:%M')}</div>
<div class="lead">{esc(a['extra'].get('lead', ''))}</div>
{body(a)}
<p class="author">Author: {by(a, 'VPA')}</p>
</article>
{related(a, 'See also')}
<footer>Copyright &copy; Vistula Press Agency {d.year}</footer>
</body>
</html>
'''


def t_ukri(a):
    d = P(a)
    return f'''{head(a, f'<meta property="article:published_time" content="{d.strftime("%Y-%m-%dT%H:%M:00+03:00")}">{NL}')}
<body>
<header><a href="/eng">UkrInfo Service</a><nav><a href="/eng/politics">Politics</a> <a href="/eng/war">War</a> <a href="/eng/economy">Economy</a> <a href="/eng/world">World</a></nav></header>
<article>
<h1>{esc(a['title'])}</h1>
<div class="newsDate">{esc(a['extra'].get('place', 'Kyiv'))} &bull; {d.strftime('%d.%m.%Y %H:%M')}</div>
{body(a)}
<p class="source">{esc(a['extra'].get('source_line', ''))}</p>
</article>
{related(a, 'Read also')}
<footer>&copy; {d.year} UkrInfo Service. Citing and using any materials on the Internet is allowed provided there is a hyperlink.</footer>
</body>
</html>
'''


# ------------------------------------------------------------------ newspapers


def t_indus(a):
    d = P(a)
    return f'''{head(a)}
<body>
<header class="masthead"><a href="/">THE INDUS MORNING</a><nav><a href="/pakistan">Pakistan</a> <a href="/world">World</a> <a href="/business">Business</a> <a href="/opinion">Opinion</a> <a href="/sport">Sport</a></nav></header>
<article>
<h1>{esc(a['title'])}</h1>
<p class="story__byline">{by(a, 'Our Correspondent')}</p>
<p class="story__time">Published {MON[d.month - 1]} {d.day}, {d.year}</p>
<div class="story__content">
{body(a)}
</div>
</article>
{related(a, 'Read more')}
<div class="comments">Comments are closed on this story.</div>
<footer>Copyright &copy; {d.year}, The Indus Morning</footer>
</body>
</html>
'''


def t_coromandel(a):
    d = P(a)
    return f'''{head(a, f'<meta name="publish-date" content="{d.strftime("%Y-%m-%dT%H:%M:00+05:30")}">{NL}')}
<body>
<header><a href="/">The Coromandel Chronicle</a><nav><a href="/news/national">India</a> <a href="/news/international">World</a> <a href="/opinion">Opinion</a> <a href="/business">Business</a> <a href="/sport">Sport</a></nav></header>
<div class="article">
<h1 class="title">{esc(a['title'])}</h1>
<h2 class="sub-text">{esc(a['extra'].get('standfirst', ''))}</h2>
<div class="author-name">{by(a, 'Special Correspondent')}</div>
<div class="update-publish-time">Updated - {MON[d.month - 1]} {d.day:02d}, {d.year} {d.strftime('%I:%M %p').lstrip('0').lower()} IST</div>
<div class="articlebodycontent">
{body(a)}
</div>
</div>
{related(a, 'Related Topics', 'div', 'related-topics')}
<footer>&copy; The Coromandel Chronicle {d.year}</footer>
</body>
</html>
'''


def t_herald(a):
    """A general newspaper (any country): date only in a visible line, no metadata."""
    d = P(a)
    return f'''{head(a)}
<body>
<div class="adslot">Advertisement</div>
<header><a href="/">{esc(a['extra'].get('paper', 'The Daily Herald'))}</a><nav><a href="/politics">Politics</a> <a href="/world">World</a> <a href="/opinion">Opinion</a> <a href="/business">Business</a></nav></header>
<article>
<h1>{esc(a['title'])}</h1>
<div class="standfirst">{esc(a['extra'].get('standfirst', ''))}</div>
<div class="byline">{by(a, 'Staff reporter')} &middot; {d.strftime('%A')} {d.day} {MON[d.month - 1]} {d.year}</div>
{body(a)}
</article>
{related(a, 'More on this story')}
<footer>{esc(a['extra'].get('paper', 'The Daily Herald'))} &copy; {d.year}. Subscribe for full access.</footer>
</body>
</html>
'''


# ------------------------------------------------------------------ official sites


def t_release(a):
    """A ministry's press release."""
    d = P(a)
    org = a['extra'].get('org', 'Ministry of Foreign Affairs')
    no = a['extra'].get('no', '')
    no_line = f'<p class="number">Press release No. {esc(no)}</p>' if no else ''
    return f'''{head(a)}
<body>
<header><span class="coat">{esc(org)}</span><nav><a href="/en">Home</a> <a href="/en/news">News</a> <a href="/en/press">Press office</a> <a href="/en/ministry">The Ministry</a> <a href="/en/contact">Contact</a></nav></header>
<main>
<p class="breadcrumb">Home &gt; News &gt; Press releases</p>
<h1>{esc(a['title'])}</h1>
{no_line}
<p class="date">{d.day} {MON[d.month - 1]} {d.year}</p>
{body(a)}
</main>
{related(a, 'Other news')}
<footer>{esc(org)} &middot; All rights reserved &middot; <a href="/accessibility">Accessibility</a></footer>
</body>
</html>
'''


def t_presidency(a):
    d = P(a)
    org = a['extra'].get('org', 'President of the Republic')
    return f'''{head(a, f'<meta property="article:published_time" content="{d.strftime("%Y-%m-%dT%H:%M:00")}">{NL}')}
<body>
<header><a href="/">{esc(org)}</a><nav><a href="/news">News</a> <a href="/events">Events</a> <a href="/documents">Documents</a> <a href="/president">The President</a></nav></header>
<main>
<h1>{esc(a['title'])}</h1>
<div class="date">{d.day} {MON[d.month - 1]} {d.year} &ndash; {d.strftime('%H:%M')}</div>
{body(a)}
<div class="gallery">Photo gallery (24)</div>
</main>
{related(a, 'Latest news')}
<footer>Official website &copy; {d.year}</footer>
</body>
</html>
'''


def t_opinion(a):
    d = P(a)
    return f'''{head(a, f'<meta property="article:published_time" content="{d.strftime("%Y-%m-%dT%H:%M:00Z")}">{NL}<meta property="article:section" content="Opinion">{NL}')}
<body>
<header><a href="/">{esc(a['extra'].get('paper', 'The Continental Review'))}</a> <nav><a href="/opinion">Opinion</a> <a href="/analysis">Analysis</a> <a href="/podcasts">Podcasts</a></nav></header>
<article>
<p class="label">{esc(a['extra'].get('label', 'Opinion'))}</p>
<h1>{esc(a['title'])}</h1>
<p class="author">{by(a, 'Guest contributor')}</p>
{paras_html(a['paras'])}
<p class="bio"><em>{esc(a['extra'].get('bio', 'The views expressed are the author’s own.'))}</em></p>
</article>
{related(a, 'More opinion')}
<footer>&copy; {d.year}</footer>
</body>
</html>
'''


def t_tv(a):
    d = P(a)
    return f'''{head(a, f'<meta itemprop="datePublished" content="{d.strftime("%Y-%m-%d")}">{NL}')}
<body>
<header><a href="/">{esc(a['extra'].get('station', 'Channel 7 News'))}</a> <a href="/live">WATCH LIVE</a> <a href="/news">News</a> <a href="/weather">Weather</a></header>
<article>
<h1>{esc(a['title'])}</h1>
<div class="video">[Video 2:14]</div>
{body(a)}
</article>
{related(a, 'Latest', 'div', 'latest')}
<footer>&copy; {d.year} {esc(a['extra'].get('station', 'Channel 7 News'))}</footer>
</body>
</html>
'''


TEMPLATES = {name[2:]: fn for name, fn in globals().items() if name.startswith('t_')}


# ------------------------------------------------------------------ plain text


def txt(a):
    d = P(a)
    style = a['extra'].get('txt', 'A')
    ps = [clean(p) for p in a['paras']]
    ps[0] = a['dateline'] + ps[0]
    text = '\n\n'.join(p[3:] if p.startswith('## ') else p for p in ps)
    if style == 'A':
        head_ = f"{a['title']}\n{a['extra'].get('outlet', '')}\nDate: {d.strftime('%Y-%m-%d')}\n"
    elif style == 'B':
        head_ = f"{a['extra'].get('outlet', '')}\n\n{a['title']}\n\nPublished: {d.strftime('%d/%m/%Y')} {d.strftime('%H:%M')}\n"
    elif style == 'C':
        head_ = f"{a['title']}\n{MON[d.month - 1]} {d.day}, {d.year}\n{a['byline'] or ''}\n"
    else:  # D: a release saved as text, the date in its first line
        head_ = f"{a['extra'].get('outlet', '')} - {d.day} {MON[d.month - 1]} {d.year}\n\n{a['title']}\n"
    tail = ''
    if a['related']:
        tail = '\n\nRelated:\n' + '\n'.join(f'- {t}' for t, _ in a['related'])
    return head_ + '\n' + text + '\n' + tail + '\n'


def render(a):
    if a['ext'] == 'txt':
        return txt(a)
    return TEMPLATES[a['tpl']](a)
