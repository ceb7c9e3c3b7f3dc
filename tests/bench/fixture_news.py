"""A small invented news article in English and Arabic (ours), and a second English rendering."""

ENGLISH = (
    "Harbour council approves new bridge plan",
    "The council of Port Selwyn voted on Tuesday to build a bridge of 450 metres across the estuary.",
    "Mayor Hannah Croft said the work will begin in spring and is expected to cost 12 million pounds.",
    "Engineers from Northvale had warned that the old ferry could not carry more than 300 passengers a day.",
    "Three members of the council voted against the plan.",
    "Opposition leader Daniel Reyes said the town did not need a second crossing.",
    "The ferry company Brightwater has refused to comment.",
    "Residents of Kelby and Port Selwyn will certainly welcome shorter journeys, Croft added.",
    "The first phase may be finished within two years.",
    "A public meeting is planned for 14 March at the town hall.",
    "Critics say the council never consulted the fishermen of Kelby.",
    "Croft told reporters that the bridge would not be a toll road.",
)

ENGLISH_FREE = (
    "Bridge plan approved by harbour council",
    "On Tuesday the Port Selwyn council voted for a 450-metre bridge over the estuary.",
    "The work will start in spring and should cost 12 million pounds, Mayor Hannah Croft said.",
    "Northvale engineers had warned that the old ferry was unable to take over 300 passengers daily.",
    "Three councillors opposed the plan.",
    "Daniel Reyes, who leads the opposition, said a second crossing was not needed.",
    "Brightwater, the ferry company, refused to comment.",
    "Croft added that people in Kelby and Port Selwyn will certainly be glad of shorter trips.",
    "The first stage may be complete in two years.",
    "There is to be a public meeting in the town hall on 14 March.",
    "Critics say the fishermen of Kelby were never consulted by the council.",
    "Croft told journalists the bridge would not charge a toll.",
)

ARABIC = (
    "مجلس المرفأ يوافق على خطة الجسر الجديد",
    "صوّت مجلس بورت سيلوين يوم الثلاثاء على بناء جسر بطول 450 مترا عبر المصب.",
    "وقالت رئيسة البلدية هانا كروفت إن العمل سيبدأ في الربيع ومن المتوقع أن يكلف 12 مليون جنيه.",
    "وكان مهندسون من نورثفيل قد حذروا من أن العبارة القديمة لا تستطيع نقل أكثر من 300 راكب في اليوم.",
    "وصوّت ثلاثة أعضاء في المجلس ضد الخطة.",
    "وقال زعيم المعارضة دانيال رييس إن البلدة لم تكن بحاجة إلى معبر ثان.",
    "ورفضت شركة العبارات برايتووتر التعليق.",
    "وأضافت كروفت أن سكان كيلبي وبورت سيلوين سيرحبون بالتأكيد برحلات أقصر.",
    "وقد تنتهي المرحلة الأولى خلال عامين.",
    "ومن المقرر عقد اجتماع عام في 14 آذار في دار البلدية.",
    "ويقول المنتقدون إن المجلس لم يستشر صيادي كيلبي قط.",
    "وقالت كروفت للصحفيين إن الجسر لن يكون طريقا برسوم.",
)
