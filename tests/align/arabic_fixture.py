"""A small Arabic–English parallel text written for these tests (sentence i renders sentence i).

Invented content: a two-day visit with names, places and numbers, the way news and minutes
carry them; nothing here comes from the shared corpus.
"""

from __future__ import annotations

PAIRS: list[tuple[str, str]] = [
    ("في 3 أيار 2011 سافر الوزير كريم حداد إلى عمان لإجراء محادثات استمرت يومين.",
     "On 3 May 2011 the minister Karim Haddad flew to Amman for two days of talks."),
    ("واستقبلته في المطار ليلى منصور، رئيسة المكتب التجاري.",
     "He was received at the airport by Laila Mansour, the head of the trade office."),
    ("وناقش الجانبان اتفاقية للمياه بقيمة 40 مليون دولار.",
     "The two sides discussed a water agreement worth 40 million dollars."),
    ("وقال حداد إن جفاف عام 2010 أتلف نصف المحصول في الشمال.",
     "Haddad said the drought of 2010 had ruined half of the harvest in the north."),
    ("وردت منصور بأن حكومتها تستطيع إرسال 12 مهندسا خلال شهر.",
     "Mansour answered that her government could send 12 engineers within a month."),
    ("وفي المساء أقام عمر خليل، محافظ إربد، مأدبة عشاء للوفد.",
     "In the evening Omar Khalil, the governor of Irbid, hosted a dinner for the delegation."),
    ("وتحدث خليل عن 300 عائلة انتقلت إلى المدينة منذ عام 2008.",
     "Khalil spoke about the 300 families who had moved to the city since 2008."),
    ("وفي اليوم الثاني قدمت نادية صالح خطة لحفر آبار جديدة قرب الزرقاء.",
     "On the second day Nadia Saleh presented a plan for new wells near Zarqa."),
    ("ونصت الخطة على 25 بئرا وخط أنابيب بطول 60 كيلومترا.",
     "The plan foresaw 25 wells and a pipeline of 60 kilometres."),
    ("وسأل حداد عما إذا كان يمكن إنجاز خط الأنابيب قبل صيف 2012.",
     "Haddad asked whether the pipeline could be finished before the summer of 2012."),
    ("وأجابت صالح بأن العمل سيستغرق 18 شهرا على الأقل.",
     "Saleh replied that the work would take at least 18 months."),
    ("واختتمت المحادثات ببيان مشترك وقعه حداد ومنصور.",
     "The talks ended with a joint statement signed by Haddad and Mansour."),
    ("ووعدت ليلى منصور بزيارة حمص في تشرين الأول.",
     "Laila Mansour promised to visit Homs in October."),
    ("وعاد كريم حداد إلى بلاده في 5 أيار 2011.",
     "Karim Haddad returned home on 5 May 2011."),
]  # fmt: skip

ARABIC = [ar for ar, _ in PAIRS]
ENGLISH = [en for _, en in PAIRS]
