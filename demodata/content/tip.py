"""Demo course TIP-101: identifying and referring victims of trafficking in persons at the border.

Written for frontline immigration, police and customs officers at land, air and sea borders in
Southeast Asia, in English and Thai. It draws on public sources: the UN Protocol to Prevent,
Suppress and Punish Trafficking in Persons, Especially Women and Children (Palermo Protocol, 2000)
and the Protocol against the Smuggling of Migrants; the ASEAN Convention against Trafficking in
Persons, Especially Women and Children (ACTIP, 2015); UNODC's human trafficking indicators; the ILO
indicators of forced labour; the OHCHR Recommended Principles and Guidelines on Human Rights and
Human Trafficking (2002); the WHO Ethical and Safety Recommendations for Interviewing Trafficked
Women (2003); and the Convention on the Rights of the Child. The scenarios are invented teaching
cases set at real border crossings; they do not describe real events.
"""

COURSE = {
    "code": "TIP-101",
    "slug": "tip-101",
    "topic": "trafficking",
    "estimated_hours": 3,
    "cover_image": "tip-cover.png",
    "translations": {
        "en": {
            "title": "Identifying and referring victims of trafficking in persons at the border",
            "summary": (
                "A practical course for frontline officers at land, air and sea borders on "
                "recognising possible victims of trafficking in persons, talking to them safely "
                "and referring them for protection under the national referral mechanism."
            ),
            "outcomes": [
                (
                    "Explain the act, means and purpose elements of trafficking in persons under "
                    "the Palermo Protocol and ACTIP."
                ),
                "Distinguish trafficking in persons from migrant smuggling.",
                "Recognise indicators of trafficking in documents, behaviour and travel patterns.",
                "Conduct a safe first conversation with a possible victim.",
                "Apply the non-punishment principle and the special protections for children.",
                (
                    "Refer a possible victim under the national referral mechanism and keep proper "
                    "records."
                ),
            ],
            "modules": [
                {
                    "slug": "understanding-trafficking",
                    "title": "Understanding trafficking in persons",
                    "summary": (
                        "What trafficking in persons is under international and ASEAN law, and how "
                        "it differs from migrant smuggling."
                    ),
                    "lessons": [
                        {
                            "slug": "what-is-trafficking",
                            "title": "What is trafficking in persons?",
                            "summary": (
                                "The three elements of the Palermo Protocol definition and why "
                                "consent does not settle the question."
                            ),
                            "minutes": 12,
                            "body": [
                                {
                                    "type": "text",
                                    "html": (
                                        "<h2>The international definition</h2>"
                                        "<p>The Protocol to Prevent, Suppress and Punish "
                                        "Trafficking in Persons, Especially Women and Children "
                                        "(the Palermo Protocol) was adopted in 2000 to supplement "
                                        "the UN Convention against Transnational Organized Crime. "
                                        "Its definition is the basis of national anti-trafficking "
                                        "laws across the region, and the ASEAN Convention against "
                                        "Trafficking in Persons, Especially Women and Children "
                                        "(ACTIP, 2015) uses the same definition.</p>"
                                        "<p>Article 3 of the Protocol breaks trafficking into "
                                        "three elements. For an adult victim, all three must be "
                                        "present:</p>"
                                        "<ul><li><b>Act</b> (what is done): recruitment, "
                                        "transportation, transfer, harbouring or receipt of "
                                        "persons.</li>"
                                        "<li><b>Means</b> (how it is done): threat or use of force "
                                        "or other forms of coercion, abduction, fraud, deception, "
                                        "abuse of power or of a position of vulnerability, or "
                                        "giving payments or benefits to a person who has control "
                                        "over the victim.</li>"
                                        "<li><b>Purpose</b> (why it is done): exploitation. At a "
                                        "minimum this includes the exploitation of the "
                                        "prostitution of others or other forms of sexual "
                                        "exploitation, forced labour or services, slavery or "
                                        "practices similar to slavery, servitude and the removal "
                                        "of organs.</li></ul>"
                                    ),
                                },
                                {
                                    "type": "image",
                                    "file": "tip-act-means-purpose.png",
                                    "alt": (
                                        "Diagram with three boxes, Act, Means and Purpose, joined "
                                        "by plus signs and leading to Trafficking in persons. A "
                                        "note says that for children the Means box is not required."
                                    ),
                                    "caption": (
                                        "The three elements of trafficking in persons (Palermo "
                                        "Protocol, Article 3)."
                                    ),
                                },
                                # Narrated by scripts/make_demo_media.py from
                                # demodata/recordings/narration.json, with captions.
                                {"type": "video", "clip": "tip-three-elements"},
                                {"type": "audio", "clip": "tip-signs-at-the-counter"},
                                {
                                    "type": "text",
                                    "html": (
                                        "<h3>What this means at the border</h3>"
                                        "<p>At a checkpoint you usually see only the act: a person "
                                        "being recruited, moved or received. The exploitation may "
                                        "not have started yet. You do not need proof of "
                                        "exploitation to act. You need reasonable grounds to "
                                        "suspect that the person is being moved for that purpose. "
                                        "Proving the case is the job of investigators and "
                                        "prosecutors later.</p>"
                                        "<p>Trafficking does not require crossing a border. Many "
                                        "victims are trafficked within their own country, and many "
                                        "cross borders legally with genuine passports and visas. A "
                                        "valid document tells you nothing about whether the person "
                                        "is free.</p>"
                                    ),
                                },
                                {
                                    "type": "callout",
                                    "title": "Children: no means required",
                                    "text": (
                                        "If the person is under 18, the means element is not "
                                        "needed. Recruiting, moving or receiving a child for the "
                                        "purpose of exploitation is trafficking, even if no force "
                                        "or deception was used and even if the child or the "
                                        "parents agreed (Palermo Protocol, Article 3(c) and (d))."
                                    ),
                                },
                                {
                                    "type": "text",
                                    "html": (
                                        "<h3>Consent does not settle the question</h3>"
                                        "<p>Under Article 3(b), the consent of an adult victim to "
                                        "the intended exploitation is irrelevant once any of the "
                                        "means has been used. A woman who agreed to work in a "
                                        "karaoke bar but was deceived about the debt, the working "
                                        "conditions or her freedom to leave is still a victim. "
                                        'Officers will often hear "I chose to go". That '
                                        "statement does not end your assessment.</p>"
                                    ),
                                },
                                {
                                    "type": "check",
                                    "question": (
                                        'A 16-year-old girl is travelling with an adult "cousin" '
                                        "to a job in a massage parlour that the cousin arranged. "
                                        "She says she agreed to go and nobody threatened her. "
                                        "Which statement is correct?"
                                    ),
                                    "options": [
                                        {
                                            "text": (
                                                "It cannot be trafficking because she consented."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "For a child, consent is irrelevant and no means "
                                                "has to be shown."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "It may be trafficking: for a child, only the act "
                                                "and the exploitative purpose need to be present."
                                            ),
                                            "correct": True,
                                            "feedback": (
                                                "Correct. Article 3(c) of the Palermo Protocol "
                                                "removes the means element when the victim is "
                                                "under 18."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "It can only be trafficking once she has started "
                                                "working."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "Exploitation does not need to have happened yet. "
                                                "Moving her for the purpose of exploitation is "
                                                "enough."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "It is migrant smuggling, because she is "
                                                "travelling voluntarily."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "Smuggling is about procuring illegal entry. "
                                                "Travelling voluntarily does not rule out "
                                                "trafficking, especially for a child."
                                            ),
                                        },
                                    ],
                                    "explanation": (
                                        "For children the definition has only two elements, act "
                                        "and purpose. Treat the girl as a possible child victim "
                                        "and involve child-protection services."
                                    ),
                                },
                            ],
                        },
                        {
                            "slug": "trafficking-or-smuggling",
                            "title": "Trafficking or smuggling?",
                            "summary": (
                                "How to tell trafficking in persons from migrant smuggling, and "
                                "why the difference matters for the person in front of you."
                            ),
                            "minutes": 12,
                            "body": [
                                {
                                    "type": "text",
                                    "html": (
                                        "<h2>Two different crimes</h2>"
                                        "<p>The Protocol against the Smuggling of Migrants by "
                                        "Land, Sea and Air, the second Palermo protocol, defines "
                                        "smuggling as procuring the illegal entry of a person into "
                                        "a State of which that person is not a national or "
                                        "permanent resident, in order to obtain a financial or "
                                        "other material benefit. Border officers meet both crimes, "
                                        "often on the same routes and with the same facilitators, "
                                        "but the consequences for the person in front of you are "
                                        "very different.</p>"
                                        "<ul><li><b>Consent:</b> smuggled migrants usually agree "
                                        "to be smuggled. Trafficking victims either never "
                                        "consented, or their consent was obtained by improper "
                                        "means.</li>"
                                        "<li><b>Exploitation:</b> smuggling normally ends on "
                                        "arrival, once the fee is paid. Trafficking continues "
                                        "after arrival, because the trafficker profits from "
                                        "exploiting the victim.</li>"
                                        "<li><b>Border crossing:</b> smuggling always involves an "
                                        "illegal crossing of an international border. Trafficking "
                                        "can take place inside one country and can involve "
                                        "completely legal travel.</li>"
                                        "<li><b>Who is harmed:</b> smuggling is a crime against "
                                        "the State's border rules, although migrants often suffer "
                                        "other crimes on the way. Trafficking is a crime against "
                                        "the person.</li></ul>"
                                    ),
                                },
                                {
                                    "type": "text",
                                    "html": (
                                        "<h3>When smuggling turns into trafficking</h3>"
                                        "<p>The line can move during the journey. A migrant who "
                                        "paid a broker to cross from Myanmar into Thailand may be "
                                        "told on arrival that the fee has doubled and that they "
                                        "must work on a fishing boat or in a factory until it is "
                                        "repaid, while the broker keeps their documents. At that "
                                        "point the situation shows the means of trafficking "
                                        "(deception, debt bondage, abuse of vulnerability) and its "
                                        "purpose (forced labour).</p>"
                                        "<p>Do not close the question by labelling a group "
                                        '"smuggled migrants" at first contact. Record what you '
                                        "see and hear, and keep asking whether any indicators of "
                                        "trafficking are present.</p>"
                                    ),
                                },
                                {
                                    "type": "callout",
                                    "title": "Why the label matters",
                                    "text": (
                                        "A victim of trafficking is entitled to protection and "
                                        "assistance and should not be punished for offences that "
                                        "were a direct result of being trafficked. If a victim is "
                                        "wrongly processed as an irregular migrant, they may be "
                                        "detained and deported straight back to the traffickers, "
                                        "and the investigation loses its key witness."
                                    ),
                                },
                                {
                                    "type": "scenario",
                                    "title": "A boat on the Mekong",
                                    "situation": (
                                        "<p>At a river crossing between Thailand and Lao PDR, a "
                                        "patrol stops a long-tail boat carrying eleven Lao "
                                        "nationals aged between 17 and 25, none with travel "
                                        "documents. The boatman says they paid him to take them "
                                        "across. One passenger has a handwritten note with a phone "
                                        "number and the name of a garment factory in Bangkok. Two "
                                        'young women say a "manager" will collect them and that '
                                        "their families have already received an advance "
                                        "payment.</p>"
                                    ),
                                    "question": (
                                        "Is this simply a smuggling case? What should the officer "
                                        "do next?"
                                    ),
                                    "discussion": (
                                        "<p>The boatman's account fits smuggling, but several "
                                        "facts point to possible trafficking: a pre-arranged "
                                        "employer who will collect the group, an advance paid to "
                                        "families (a possible debt), and at least one passenger "
                                        "who may be a child. These are reasons to screen every "
                                        "passenger individually, not to close the case.</p>"
                                        "<ul><li>Separate the passengers from the boatman and, "
                                        "where possible, from each other. Speak to each in Lao "
                                        "through an independent interpreter.</li>"
                                        "<li>Treat the 17-year-old as a child: the means element "
                                        "is not required and child-protection procedures "
                                        "apply.</li>"
                                        "<li>Record the phone number, the factory name and the "
                                        'description of the "manager", and pass them to the '
                                        "anti-trafficking unit.</li>"
                                        "<li>Do not process the group for immediate return until "
                                        "screening is complete.</li></ul>"
                                    ),
                                },
                                {
                                    "type": "check",
                                    "question": (
                                        "Which element is part of trafficking in persons but NOT "
                                        "required for migrant smuggling?"
                                    ),
                                    "options": [
                                        {
                                            "text": "An illegal border crossing",
                                            "correct": False,
                                            "feedback": (
                                                "That is a required element of smuggling, not of "
                                                "trafficking. Trafficking can happen without "
                                                "crossing any border."
                                            ),
                                        },
                                        {
                                            "text": "A purpose of exploitation",
                                            "correct": True,
                                            "feedback": (
                                                "Correct. Exploitation is the purpose of "
                                                "trafficking. Smuggling is complete once the "
                                                "illegal entry has been procured for a benefit."
                                            ),
                                        },
                                        {
                                            "text": "Payment of a fee to a facilitator",
                                            "correct": False,
                                            "feedback": (
                                                "Smuggled migrants usually pay, and trafficking "
                                                "victims often pay recruitment fees too. A fee "
                                                "does not tell the two apart."
                                            ),
                                        },
                                        {
                                            "text": "Travelling in a group",
                                            "correct": False,
                                            "feedback": (
                                                "Both smuggled migrants and trafficking victims "
                                                "may travel alone or in groups."
                                            ),
                                        },
                                    ],
                                    "explanation": (
                                        "Exploitation is the core of trafficking. Illegal entry is "
                                        "the core of smuggling. One journey can involve both."
                                    ),
                                },
                            ],
                        },
                    ],
                    "quiz": {
                        "slug": "understanding-trafficking-quiz",
                        "title": "Module 1 quiz: understanding trafficking in persons",
                        "intro": (
                            "Check your understanding of the definition of trafficking and the "
                            "difference between trafficking and smuggling. You need 70% to pass."
                        ),
                        "pass_mark": 70,
                    },
                },
                {
                    "slug": "recognising-indicators",
                    "title": "Recognising indicators at the border",
                    "summary": (
                        "The signs in documents, behaviour and travel patterns that should make "
                        "you look more closely, and how to hold a safe first conversation."
                    ),
                    "lessons": [
                        {
                            "slug": "indicators",
                            "title": "Indicators in documents, behaviour and travel",
                            "summary": (
                                "The common indicators of trafficking that frontline officers can "
                                "observe at immigration counters and checkpoints."
                            ),
                            "minutes": 14,
                            "body": [
                                {
                                    "type": "text",
                                    "html": (
                                        "<h2>Indicators, not proof</h2>"
                                        "<p>An indicator is a fact or behaviour that should make "
                                        "you look more closely. UNODC's published human "
                                        "trafficking indicators and the checklists used by "
                                        "national task forces group them in similar ways. No "
                                        "single indicator proves trafficking, and many have "
                                        "innocent explanations. What matters is the combination, "
                                        "and whether the person's account holds together.</p>"
                                    ),
                                },
                                {
                                    "type": "image",
                                    "file": "tip-indicators.png",
                                    "alt": (
                                        "Three panels headed Documents, Behaviour and Travel "
                                        "pattern, each listing four indicators of trafficking in "
                                        "persons."
                                    ),
                                    "caption": (
                                        "Indicators of trafficking fall into three groups. Look "
                                        "for combinations."
                                    ),
                                },
                                {
                                    "type": "text",
                                    "html": (
                                        "<h3>Documents</h3>"
                                        "<ul><li>Passport, identity card or tickets held by "
                                        "someone else, or handed over by a companion.</li>"
                                        "<li>Forged or fraudulently obtained documents, or a "
                                        "genuine passport issued very recently to someone who has "
                                        "never travelled.</li>"
                                        "<li>A visa that does not fit the stated purpose, such as "
                                        "a tourist visa for someone who says they are going to "
                                        "work.</li>"
                                        "<li>No knowledge of the address, employer or contract "
                                        "named in their papers.</li>"
                                        "<li>The age in the document does not match the person's "
                                        "appearance.</li></ul>"
                                        "<h3>Behaviour</h3>"
                                        "<ul><li>A companion answers for the person, stays very "
                                        "close or watches from a distance.</li>"
                                        "<li>Answers sound rehearsed, or are identical across a "
                                        "group.</li>"
                                        "<li>Fear, anxiety or avoidance of officials, or signs of "
                                        "physical abuse, malnutrition or exhaustion.</li>"
                                        "<li>Mentions a debt that must be repaid, or fees paid to "
                                        "a recruiter.</li>"
                                        "<li>Does not speak the local language and has no money or "
                                        "phone of their own.</li></ul>"
                                        "<h3>Travel pattern</h3>"
                                        "<ul><li>Ticket bought by a third party, often in cash and "
                                        "sometimes one-way.</li>"
                                        "<li>An indirect route through several transit points, or "
                                        "a route that makes no sense for the stated purpose.</li>"
                                        "<li>Young people travelling in a group with one older "
                                        "escort, or several travellers with identical job "
                                        "offers.</li>"
                                        "<li>An escort who has made repeated recent trips with "
                                        "different young companions.</li></ul>"
                                    ),
                                },
                                {
                                    "type": "callout",
                                    "title": "Look for combinations",
                                    "text": (
                                        "A young woman with a tourist visa who does not know the "
                                        "name of her hotel, whose passport was handed over by an "
                                        "older man and whose ticket was bought by someone else: "
                                        "each fact alone might be innocent. Together they justify "
                                        "a private conversation."
                                    ),
                                },
                                {
                                    "type": "text",
                                    "html": (
                                        "<h3>Indicators of specific forms of exploitation</h3>"
                                        "<p>For forced labour, for example in fishing, "
                                        "construction, agriculture or factories, look for "
                                        "recruitment fees, withheld wages, confiscated documents "
                                        "and restrictions on movement. The ILO indicators of "
                                        "forced labour are a useful reference. For sexual "
                                        "exploitation, watch for vague job offers as waitresses, "
                                        "hostesses or dancers. For forced criminality, including "
                                        "forced work in online scam compounds, watch for offers of "
                                        'jobs in "IT", "customer service" or "marketing" '
                                        "with high salaries, no required qualifications and travel "
                                        "arranged through a third country.</p>"
                                    ),
                                },
                                {
                                    "type": "check",
                                    "question": (
                                        "Which of these, on its own, proves that a traveller is a "
                                        "victim of trafficking?"
                                    ),
                                    "options": [
                                        {
                                            "text": "Travelling on a one-way ticket",
                                            "correct": False,
                                            "feedback": (
                                                "Many legitimate travellers buy one-way tickets. "
                                                "It is an indicator to combine with others, not "
                                                "proof."
                                            ),
                                        },
                                        {
                                            "text": "A companion holds their passport",
                                            "correct": False,
                                            "feedback": (
                                                "This is a strong indicator, but parents, tour "
                                                "leaders and employers on business trips sometimes "
                                                "hold documents too."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "None of them: indicators must be assessed together"
                                            ),
                                            "correct": True,
                                            "feedback": (
                                                "Correct. Indicators give reasonable grounds for "
                                                "further questions. No single indicator is proof."
                                            ),
                                        },
                                        {
                                            "text": "Being nervous at the counter",
                                            "correct": False,
                                            "feedback": (
                                                "Many travellers are nervous in front of "
                                                "officials. Nervousness alone proves nothing."
                                            ),
                                        },
                                    ],
                                    "explanation": (
                                        "Use indicators to decide who needs a closer, private "
                                        "conversation, not to reach conclusions at the counter."
                                    ),
                                },
                            ],
                        },
                        {
                            "slug": "first-conversation",
                            "title": "The first conversation with a possible victim",
                            "summary": (
                                "How to separate, question and reassure a possible victim without "
                                "causing harm."
                            ),
                            "minutes": 14,
                            "body": [
                                {
                                    "type": "text",
                                    "html": (
                                        "<h2>The purpose of the first conversation</h2>"
                                        "<p>At the border your task is not to take a full "
                                        "statement or prove a case. It is to find out whether "
                                        "there are reasonable grounds to suspect trafficking, to "
                                        "keep the person safe and to hand over to people trained "
                                        "to go further. The WHO Ethical and Safety Recommendations "
                                        "for Interviewing Trafficked Women (2003) sum up the rule: "
                                        "do no harm.</p>"
                                        "<h3>Before you start</h3>"
                                        "<ul><li>Separate the person from any companion, using a "
                                        "routine reason such as a secondary document check, so "
                                        "that the companion is not alerted.</li>"
                                        "<li>Use a private room, out of sight of other travellers "
                                        "and of the companion.</li>"
                                        "<li>Offer a female officer to a woman or girl, and ask "
                                        "the person's preference where you can.</li>"
                                        "<li>Use an interpreter with no link to the companion, the "
                                        "recruiter or the person's community. Never use a fellow "
                                        "traveller or the companion.</li>"
                                        "<li>Offer water, a seat and a toilet. A frightened, "
                                        "exhausted person cannot give a clear account.</li></ul>"
                                        "<h3>During the conversation</h3>"
                                        "<ul><li>Introduce yourself and explain simply why you are "
                                        "talking and what will happen next.</li>"
                                        '<li>Start with open questions: "Tell me about your '
                                        'trip." "Who arranged your job?" "What will you be '
                                        'doing there?"</li>'
                                        '<li>Then ask specific ones: "Who has your passport '
                                        'now?" "Do you owe anyone money for this trip?" "Can '
                                        'you leave the job if you want to?" "Who will meet '
                                        'you?"</li>'
                                        "<li>Do not make promises you cannot keep, such as "
                                        "residence permits or money.</li>"
                                        "<li>Do not press for details of sexual abuse. That is for "
                                        "a specialist interviewer later.</li>"
                                        "<li>Watch for signs of distress and allow "
                                        "breaks.</li></ul>"
                                    ),
                                },
                                {
                                    "type": "callout",
                                    "title": "Victims rarely identify themselves",
                                    "text": (
                                        "Many victims do not see themselves as victims. They may "
                                        "be loyal to a recruiter who is a relative, believe the "
                                        "debt is fair, fear the authorities more than the "
                                        "traffickers, or have been coached to lie. A denial does "
                                        "not mean there is no trafficking."
                                    ),
                                },
                                {
                                    "type": "scenario",
                                    "title": "Departure control at Soekarno-Hatta",
                                    "situation": (
                                        "<p>At departure immigration at Soekarno-Hatta "
                                        "International Airport, Jakarta, an officer processes "
                                        "three Indonesian women in their early twenties travelling "
                                        "to a Gulf state on visit visas. A man in his forties "
                                        "stands behind them and hands over all three passports and "
                                        'boarding passes. The women say they are visiting "a '
                                        'relative" but cannot name the city. One has a sheet of '
                                        "paper in her bag with the name of an agency and a monthly "
                                        "salary.</p>"
                                    ),
                                    "question": (
                                        "How should the officer handle this at the counter and "
                                        "afterwards?"
                                    ),
                                    "discussion": (
                                        "<p>Visit visas for what looks like labour migration, a "
                                        "companion who controls the documents, vague answers and a "
                                        "paper pointing to an employment agency form a strong "
                                        "combination of indicators. Indonesian law requires "
                                        "migrant workers to leave through official placement "
                                        "procedures, so departure on visit visas to work may also "
                                        "signal irregular placement.</p>"
                                        "<ul><li>Refer the women to secondary inspection as a "
                                        "routine check, without confronting the man at the "
                                        "counter.</li>"
                                        "<li>Speak to each woman separately, with a female "
                                        "officer.</li>"
                                        "<li>Record the man's identity and travel details, and "
                                        "check whether he has escorted other travellers "
                                        "before.</li>"
                                        "<li>If the indicators are confirmed, contact the "
                                        "anti-trafficking focal point and the migrant worker "
                                        "protection agency under the national procedure.</li>"
                                        "<li>Treat the women as possible victims, not as offenders "
                                        "for trying to leave irregularly.</li></ul>"
                                    ),
                                },
                                {
                                    "type": "check",
                                    "question": (
                                        "Who is the best choice to interpret during a first "
                                        "conversation with a possible victim?"
                                    ),
                                    "options": [
                                        {
                                            "text": (
                                                "The travel companion, who speaks both languages"
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "The companion may be the trafficker. The person "
                                                "will not speak freely, and the translation cannot "
                                                "be trusted."
                                            ),
                                        },
                                        {
                                            "text": "Another traveller from the same village",
                                            "correct": False,
                                            "feedback": (
                                                "A fellow villager may be linked to the recruiter, "
                                                "and the person may fear gossip or retaliation at "
                                                "home."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "An independent interpreter with no link to the "
                                                "person or the companion"
                                            ),
                                            "correct": True,
                                            "feedback": (
                                                "Correct. Independence and confidentiality make it "
                                                "safe for the person to speak."
                                            ),
                                        },
                                        {
                                            "text": "A family member on the phone",
                                            "correct": False,
                                            "feedback": (
                                                "Family members are sometimes involved in "
                                                "recruitment, and a phone call cannot guarantee "
                                                "privacy."
                                            ),
                                        },
                                    ],
                                    "explanation": (
                                        "Use a professional or vetted interpreter, in person or by "
                                        "phone, who has no connection with anyone involved in the "
                                        "journey."
                                    ),
                                },
                            ],
                        },
                    ],
                    "quiz": {
                        "slug": "recognising-indicators-quiz",
                        "title": "Module 2 quiz: recognising indicators",
                        "intro": (
                            "Check that you can recognise indicators of trafficking and plan a "
                            "safe first conversation. You need 70% to pass."
                        ),
                        "pass_mark": 70,
                    },
                },
                {
                    "slug": "protecting-and-referring",
                    "title": "Protecting and referring victims",
                    "summary": (
                        "What to do once you suspect trafficking: meeting immediate needs, the "
                        "non-punishment principle, children, and referral under your national "
                        "procedure."
                    ),
                    "lessons": [
                        {
                            "slug": "immediate-protection",
                            "title": "Immediate protection",
                            "summary": (
                                "The first protective steps, the non-punishment principle and the "
                                "special rules for children."
                            ),
                            "minutes": 12,
                            "body": [
                                {
                                    "type": "text",
                                    "html": (
                                        "<h2>Safety first</h2>"
                                        "<p>Once you suspect that a person may be a victim, your "
                                        "priorities change. The person is a possible victim of a "
                                        "serious crime and a possible witness. The first of the "
                                        "OHCHR Recommended Principles and Guidelines on Human "
                                        "Rights and Human Trafficking (2002) states that the human "
                                        "rights of trafficked persons shall be at the centre of "
                                        "all efforts against trafficking.</p>"
                                        "<h3>Immediate needs</h3>"
                                        "<ul><li><b>Safety:</b> keep the person away from the "
                                        "companion or recruiter, and consider whether they or "
                                        "their family are at risk of retaliation.</li>"
                                        "<li><b>Health:</b> injuries, illness, pregnancy or severe "
                                        "distress may need urgent care.</li>"
                                        "<li><b>Basic needs:</b> food, water, rest, a place to "
                                        "sleep and clothing.</li>"
                                        "<li><b>Communication:</b> an interpreter, information "
                                        "about what is happening and, where safe and wanted, "
                                        "contact with family or their consulate.</li></ul>"
                                        "<h3>The non-punishment principle</h3>"
                                        "<p>Victims are often found committing offences: entering "
                                        "illegally, using false documents, overstaying, working "
                                        "without a permit or carrying drugs under threat. "
                                        "Principle 7 of the OHCHR Recommended Principles states "
                                        "that trafficked persons shall not be detained, charged or "
                                        "prosecuted for the illegality of their entry or "
                                        "residence, or for their involvement in unlawful "
                                        "activities, to the extent that this is a direct "
                                        "consequence of their situation as trafficked persons. "
                                        "Article 14 of ACTIP asks States to consider not holding "
                                        "victims criminally or administratively liable for such "
                                        "acts.</p>"
                                        "<p>In practice, do not issue a fine, a detention order or "
                                        "a removal order against a possible victim before "
                                        "screening is finished. Where your law leaves you no "
                                        "choice, record the indicators clearly and inform the "
                                        "anti-trafficking unit at once.</p>"
                                    ),
                                },
                                {
                                    "type": "callout",
                                    "title": "Protection is not conditional",
                                    "text": (
                                        "Assistance and protection should not depend on the victim "
                                        "agreeing to cooperate with an investigation (OHCHR "
                                        "Recommended Principles, Principle 8). Pressing a "
                                        "frightened person to testify as the price of help often "
                                        "makes them withdraw completely."
                                    ),
                                },
                                {
                                    "type": "text",
                                    "html": (
                                        "<h3>Children</h3>"
                                        "<ul><li>If age is uncertain and there are reasons to "
                                        "believe the person is under 18, treat them as a child "
                                        "until their age is verified.</li>"
                                        "<li>Contact the child-protection or social welfare "
                                        "authority immediately. A child should not be held in a "
                                        "cell or left alone with border staff for long "
                                        "periods.</li>"
                                        '<li>Do not hand a child to a relative or "guardian" '
                                        "without checking that this person is not involved in the "
                                        "exploitation.</li>"
                                        "<li>The best interests of the child are a primary "
                                        "consideration in every decision (Convention on the Rights "
                                        "of the Child, Article 3).</li></ul>"
                                    ),
                                },
                                {
                                    "type": "check",
                                    "question": (
                                        "A woman found carrying false passports for a trafficking "
                                        "network says she was forced to do it to repay a debt. "
                                        "What does the non-punishment principle mean at this stage?"
                                    ),
                                    "options": [
                                        {
                                            "text": (
                                                "Charge her with document fraud first and screen "
                                                "her later."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "Charging first risks punishing a victim for an "
                                                "act that was a direct consequence of being "
                                                "trafficked."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "Screen her as a possible victim and avoid "
                                                "punishing her for acts that were a direct "
                                                "consequence of being trafficked."
                                            ),
                                            "correct": True,
                                            "feedback": (
                                                "Correct. Screen first and involve the "
                                                "anti-trafficking unit. The link between the "
                                                "offence and the trafficking is then assessed."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "Release her immediately with no further action."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "She still needs protection and referral, and her "
                                                "information may be vital to the investigation."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "Return her to her home country at once so that "
                                                "she is safe."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "Return without a risk assessment can put her back "
                                                "in the hands of the network."
                                            ),
                                        },
                                    ],
                                    "explanation": (
                                        "The non-punishment principle does not mean doing nothing. "
                                        "It means treating the person as a possible victim first."
                                    ),
                                },
                            ],
                        },
                        {
                            "slug": "referral-and-records",
                            "title": "Referral and record-keeping",
                            "summary": (
                                "How to hand a possible victim over to the national referral "
                                "mechanism and what to record."
                            ),
                            "minutes": 14,
                            "body": [
                                {
                                    "type": "text",
                                    "html": (
                                        "<h2>You are one link in the chain</h2>"
                                        "<p>Frontline officers identify possible victims. They do "
                                        "not usually make the formal identification decision. In "
                                        "most ASEAN Member States that decision is made by "
                                        "designated officials or multidisciplinary teams (police, "
                                        "social workers, labour inspectors, immigration officers "
                                        "and sometimes NGOs) under a national referral mechanism "
                                        "(NRM) or standard operating procedure. Know who your "
                                        "focal points are before you need them.</p>"
                                    ),
                                },
                                {
                                    "type": "image",
                                    "file": "tip-referral.png",
                                    "alt": (
                                        "Flow diagram with six steps: Identify, Protect, Inform, "
                                        "Refer, Record and Follow up."
                                    ),
                                    "caption": (
                                        "The referral pathway at a border post, from suspicion to "
                                        "support."
                                    ),
                                },
                                {
                                    "type": "text",
                                    "html": (
                                        "<h3>Steps at your post</h3>"
                                        "<ol><li><b>Identify:</b> note the indicators that gave "
                                        "you reasonable grounds to suspect trafficking.</li>"
                                        "<li><b>Protect:</b> separate the person from the "
                                        "suspected trafficker and meet urgent needs.</li>"
                                        "<li><b>Inform:</b> explain, in a language the person "
                                        "understands, what will happen next and what support is "
                                        "available.</li>"
                                        "<li><b>Refer:</b> contact the anti-trafficking focal "
                                        "point and, for children, the child-protection authority. "
                                        "Hand over in person where possible.</li>"
                                        "<li><b>Record:</b> complete the referral form and your "
                                        "notes. Hand over documents and evidence with a written "
                                        "record.</li>"
                                        "<li><b>Follow up:</b> confirm that the receiving agency "
                                        "has taken over the case.</li></ol>"
                                        "<h3>What to record</h3>"
                                        "<ul><li>Date, time and place of contact, officers present "
                                        "and the interpreter used.</li>"
                                        "<li>The indicators observed and the person's own words, "
                                        "as close to verbatim as possible.</li>"
                                        "<li>Details of companions, recruiters, vehicles, phone "
                                        "numbers, tickets and payments.</li>"
                                        "<li>Documents seized and to whom they were handed.</li>"
                                        "<li>Actions taken and agencies contacted.</li></ul>"
                                        "<p>Information about victims is sensitive. Share it only "
                                        "with the agencies that need it for protection or "
                                        "investigation, and never with the employer or recruiter. "
                                        "Share it with family only with the person's consent and "
                                        "after a risk check.</p>"
                                        "<h3>Working across the border</h3>"
                                        "<p>Many cases involve two countries. Bilateral memoranda "
                                        "of understanding, the COMMIT process in the Greater "
                                        "Mekong Sub-region and border liaison offices provide "
                                        "channels to share information on suspects and to arrange "
                                        "safe return. Safe return means a risk assessment and a "
                                        "receiving agency on the other side, never simply walking "
                                        "a victim back to the border line.</p>"
                                    ),
                                },
                                {
                                    "type": "scenario",
                                    "title": "A minibus at Aranyaprathet-Poipet",
                                    "situation": (
                                        "<p>At the Aranyaprathet-Poipet crossing between Thailand "
                                        "and Cambodia, an officer checks a minibus entering "
                                        "Thailand. Nine Cambodian men hold border passes and say "
                                        "they are going to work on a construction site. The driver "
                                        "arranged the passes and keeps them in an envelope. One "
                                        "man has bruises on his arms and says quietly that workers "
                                        'from an earlier group "were not allowed to go home". '
                                        "The driver tells the officer that the men are all "
                                        "volunteers and that the employer is waiting.</p>"
                                    ),
                                    "question": (
                                        "What steps should the officer take, and in what order?"
                                    ),
                                    "discussion": (
                                        "<ol><li>Hold the vehicle for a routine secondary check, "
                                        "so that the driver does not become suspicious or "
                                        "leave.</li>"
                                        "<li>Take the men aside, away from the driver, with a "
                                        "Khmer interpreter who has no connection with the "
                                        "driver.</li>"
                                        "<li>Ask about debts, documents, wages, freedom to leave "
                                        "and the earlier group. Note the bruises and offer medical "
                                        "care.</li>"
                                        "<li>Record the driver's identity, the vehicle and the "
                                        "employer's details, and keep the envelope of passes as "
                                        "evidence.</li>"
                                        "<li>Contact the anti-trafficking focal point and the "
                                        "labour authority under the national procedure, and use "
                                        "the border liaison office to inform Cambodian "
                                        "counterparts.</li>"
                                        "<li>Do not send the men back across the border as a quick "
                                        "solution. That could return them to the same "
                                        "recruiters.</li></ol>"
                                    ),
                                },
                                {
                                    "type": "check",
                                    "question": (
                                        "What is the frontline officer's main role in the national "
                                        "referral mechanism?"
                                    ),
                                    "options": [
                                        {
                                            "text": "To make the final decision on victim status",
                                            "correct": False,
                                            "feedback": (
                                                "Formal identification is usually made by "
                                                "designated officials or a multidisciplinary team."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "To identify possible victims, protect them and "
                                                "refer them to the designated agency"
                                            ),
                                            "correct": True,
                                            "feedback": (
                                                "Correct. Early identification, protection and a "
                                                "clean hand-over are the frontline officer's "
                                                "contribution."
                                            ),
                                        },
                                        {
                                            "text": "To take a full evidential statement",
                                            "correct": False,
                                            "feedback": (
                                                "Full statements are taken later by trained "
                                                "investigators, after the person is safe and has "
                                                "had time to recover."
                                            ),
                                        },
                                        {
                                            "text": "To arrange the victim's return home",
                                            "correct": False,
                                            "feedback": (
                                                "Return is arranged by specialist agencies after a "
                                                "risk assessment."
                                            ),
                                        },
                                    ],
                                    "explanation": (
                                        "Identify, protect, refer and record: the rest of the "
                                        "process depends on these first steps being done well."
                                    ),
                                },
                            ],
                        },
                    ],
                    "quiz": {
                        "slug": "protecting-and-referring-quiz",
                        "title": "Module 3 quiz: protecting and referring victims",
                        "intro": (
                            "Check that you know the first protective steps and how to refer a "
                            "possible victim. You need 70% to pass."
                        ),
                        "pass_mark": 70,
                    },
                },
            ],
        },
        "th": {
            "title": "การคัดแยกและส่งต่อผู้เสียหายจากการค้ามนุษย์ที่ชายแดน",
            "summary": (
                "หลักสูตรภาคปฏิบัติสำหรับเจ้าหน้าที่ด่านหน้าที่ชายแดนทางบก ทางอากาศ และทางทะเล "
                "ว่าด้วยการสังเกตผู้ที่อาจเป็นผู้เสียหายจากการค้ามนุษย์ การพูดคุยกับผู้เสียหายอย่างปลอดภัย "
                "และการส่งต่อเพื่อรับการคุ้มครองตามกลไกการส่งต่อระดับชาติ"
            ),
            "outcomes": [
                (
                    "อธิบายองค์ประกอบด้านการกระทำ วิธีการ และวัตถุประสงค์ของการค้ามนุษย์ตามพิธีสารปาแลร์โมและ "
                    "ACTIP ได้"
                ),
                "แยกแยะการค้ามนุษย์ออกจากการลักลอบขนผู้ย้ายถิ่นได้",
                "สังเกตข้อบ่งชี้การค้ามนุษย์จากเอกสาร พฤติกรรม และรูปแบบการเดินทางได้",
                "พูดคุยครั้งแรกกับผู้ที่อาจเป็นผู้เสียหายได้อย่างปลอดภัย",
                "ใช้หลักการไม่ลงโทษผู้เสียหายและหลักการคุ้มครองพิเศษสำหรับเด็กได้",
                "ส่งต่อผู้ที่อาจเป็นผู้เสียหายตามกลไกการส่งต่อระดับชาติ และบันทึกข้อมูลได้อย่างถูกต้อง",
            ],
            "modules": [
                {
                    "slug": "understanding-trafficking",
                    "title": "ทำความเข้าใจการค้ามนุษย์",
                    "summary": (
                        "การค้ามนุษย์คืออะไรตามกฎหมายระหว่างประเทศและกฎหมายอาเซียน "
                        "และแตกต่างจากการลักลอบขนผู้ย้ายถิ่นอย่างไร"
                    ),
                    "lessons": [
                        {
                            "slug": "what-is-trafficking",
                            "title": "การค้ามนุษย์คืออะไร",
                            "summary": (
                                "องค์ประกอบสามประการตามนิยามของพิธีสารปาแลร์โม "
                                "และเหตุใดความยินยอมจึงไม่ใช่ข้อยุติ"
                            ),
                            "minutes": 12,
                            "body": [
                                {
                                    "type": "text",
                                    "html": (
                                        "<h2>นิยามตามกฎหมายระหว่างประเทศ</h2>"
                                        "<p>พิธีสารเพื่อป้องกัน ปราบปราม และลงโทษการค้ามนุษย์ "
                                        "โดยเฉพาะสตรีและเด็ก (พิธีสารปาแลร์โม หรือ Palermo Protocol) "
                                        "ได้รับการรับรองเมื่อ พ.ศ. 2543 (ค.ศ. 2000) "
                                        "เพื่อเสริมอนุสัญญาสหประชาชาติเพื่อต่อต้านอาชญากรรมข้ามชาติที่จัดตั้งในลักษณะ"
                                        "องค์กร นิยามในพิธีสารนี้เป็นพื้นฐานของกฎหมายป้องกันและปราบปรามการค้ามนุ"
                                        "ษย์ของประเทศต่าง ๆ ในภูมิภาค "
                                        "และอนุสัญญาอาเซียนว่าด้วยการต่อต้านการค้ามนุษย์ โดยเฉพาะสตรีและเด็ก "
                                        "(ACTIP, พ.ศ. 2558) ก็ใช้นิยามเดียวกัน</p>"
                                        "<p>ข้อ 3 ของพิธีสารแบ่งการค้ามนุษย์ออกเป็นสามองค์ประกอบ "
                                        "หากผู้เสียหายเป็นผู้ใหญ่ ต้องครบทั้งสามองค์ประกอบ:</p>"
                                        "<ul><li><b>การกระทำ</b> (ทำอะไร): การจัดหา การขนส่ง การส่งต่อ "
                                        "การให้ที่พักพิง หรือการรับบุคคล</li>"
                                        "<li><b>วิธีการ</b> (ทำอย่างไร): "
                                        "การข่มขู่หรือการใช้กำลังหรือการบังคับในรูปแบบอื่น การลักพาตัว การฉ้อฉล "
                                        "การหลอกลวง การใช้อำนาจโดยมิชอบหรือการใช้ประโยชน์จากสภาวะเปราะบา"
                                        "ง หรือการให้เงินหรือผลประโยชน์แก่ผู้ที่มีอำนาจควบคุมเหนือผู้เสียหาย</li>"
                                        "<li><b>วัตถุประสงค์</b> (ทำเพื่ออะไร): เพื่อการแสวงประโยชน์ "
                                        "ซึ่งอย่างน้อยรวมถึง การแสวงประโยชน์จากการค้าประเวณีของผู้อื่นหรือการแสว"
                                        "งประโยชน์ทางเพศในรูปแบบอื่น การบังคับใช้แรงงานหรือบริการ "
                                        "การเอาคนลงเป็นทาสหรือการกระทำที่คล้ายคลึงกับการเอาคนลงเป็นทาส "
                                        "การทำให้ตกอยู่ในภาวะจำยอม และการตัดอวัยวะ</li></ul>"
                                    ),
                                },
                                {
                                    "type": "image",
                                    "file": "tip-act-means-purpose.png",
                                    "alt": (
                                        "แผนภาพสามกล่อง ได้แก่ การกระทำ (Act) วิธีการ (Means) "
                                        "และวัตถุประสงค์ (Purpose) "
                                        "เชื่อมกันด้วยเครื่องหมายบวกและนำไปสู่การค้ามนุษย์ "
                                        "มีหมายเหตุว่ากรณีเด็กไม่ต้องมีองค์ประกอบด้านวิธีการ"
                                    ),
                                    "caption": "องค์ประกอบสามประการของการค้ามนุษย์ (พิธีสารปาแลร์โม ข้อ 3)",
                                },
                                {
                                    "type": "text",
                                    "html": (
                                        "<h3>ความหมายสำหรับการปฏิบัติงานที่ชายแดน</h3>"
                                        "<p>ที่จุดตรวจ ท่านมักเห็นเพียงการกระทำ คือมีคนถูกจัดหา ถูกพาเดินทาง "
                                        "หรือถูกรับตัว การแสวงประโยชน์อาจยังไม่เกิดขึ้น "
                                        "ท่านไม่จำเป็นต้องมีหลักฐานว่ามีการแสวงประโยชน์แล้ว จึงจะดำเนินการได้ "
                                        "เพียงมีเหตุอันควรสงสัยว่าบุคคลนั้นถูกพาเดินทางเพื่อวัตถุประสงค์ดังกล่าว "
                                        "ส่วนการพิสูจน์ความผิดเป็นหน้าที่ของพนักงานสอบสวนและพนักงานอัยการในภายห"
                                        "ลัง</p>"
                                        "<p>การค้ามนุษย์ไม่จำเป็นต้องมีการข้ามพรมแดน "
                                        "ผู้เสียหายจำนวนมากถูกค้าภายในประเทศของตนเอง "
                                        "และอีกจำนวนมากเดินทางข้ามแดนอย่างถูกกฎหมายด้วยหนังสือเดินทางและวีซ่าที่"
                                        "แท้จริง เอกสารที่ถูกต้องไม่ได้บอกว่าบุคคลนั้นมีอิสระหรือไม่</p>"
                                    ),
                                },
                                {
                                    "type": "callout",
                                    "title": "กรณีเด็ก: ไม่ต้องมีองค์ประกอบด้านวิธีการ",
                                    "text": (
                                        "หากบุคคลนั้นอายุต่ำกว่า 18 ปี ไม่จำเป็นต้องมีองค์ประกอบด้านวิธีการ "
                                        "การจัดหา การพาเดินทาง "
                                        "หรือการรับตัวเด็กเพื่อการแสวงประโยชน์ถือเป็นการค้ามนุษย์ "
                                        "แม้ไม่มีการใช้กำลังหรือการหลอกลวง และแม้เด็กหรือพ่อแม่จะยินยอมก็ตาม "
                                        "(พิธีสารปาแลร์โม ข้อ 3 (ค) และ (ง))"
                                    ),
                                },
                                {
                                    "type": "text",
                                    "html": (
                                        "<h3>ความยินยอมไม่ใช่ข้อยุติ</h3>"
                                        "<p>ตามข้อ 3 (ข) ความยินยอมของผู้เสียหายที่เป็นผู้ใหญ่ต่อการแสวงประโยชน์"
                                        " ไม่มีผลทางกฎหมาย หากมีการใช้วิธีการใดวิธีการหนึ่งข้างต้น "
                                        "ผู้หญิงที่ตกลงไปทำงานในร้านคาราโอเกะ แต่ถูกหลอกเรื่องหนี้สิน "
                                        "สภาพการทำงาน หรืออิสระในการลาออก ยังคงเป็นผู้เสียหาย "
                                        'เจ้าหน้าที่มักได้ยินคำว่า "ฉันเลือกไปเอง" '
                                        "คำพูดนี้ไม่ได้ทำให้การประเมินของท่านสิ้นสุดลง</p>"
                                    ),
                                },
                                {
                                    "type": "check",
                                    "question": (
                                        'เด็กหญิงอายุ 16 ปีเดินทางไปกับ "ลูกพี่ลูกน้อง" ที่เป็นผู้ใหญ่ '
                                        "เพื่อไปทำงานในร้านนวดที่ลูกพี่ลูกน้องจัดหาให้ "
                                        "เธอบอกว่าเต็มใจไปและไม่มีใครข่มขู่ ข้อใดถูกต้อง"
                                    ),
                                    "options": [
                                        {
                                            "text": "ไม่อาจเป็นการค้ามนุษย์ได้ เพราะเธอยินยอม",
                                            "correct": False,
                                            "feedback": (
                                                "กรณีเด็ก ความยินยอมไม่มีผล "
                                                "และไม่ต้องพิสูจน์องค์ประกอบด้านวิธีการ"
                                            ),
                                        },
                                        {
                                            "text": (
                                                "อาจเป็นการค้ามนุษย์ได้ เพราะกรณีเด็กต้องมีเพียงการกระทำ "
                                                "และวัตถุประสงค์เพื่อการแสวงประโยชน์"
                                            ),
                                            "correct": True,
                                            "feedback": (
                                                "ถูกต้อง ข้อ 3 (ค) "
                                                "ของพิธีสารปาแลร์โมตัดองค์ประกอบด้านวิธีการออก "
                                                "เมื่อผู้เสียหายอายุต่ำกว่า 18 ปี"
                                            ),
                                        },
                                        {
                                            "text": "จะเป็นการค้ามนุษย์ได้ก็ต่อเมื่อเธอเริ่มทำงานแล้วเท่านั้น",
                                            "correct": False,
                                            "feedback": (
                                                "ไม่จำเป็นต้องมีการแสวงประโยชน์เกิดขึ้นแล้ว "
                                                "การพาเธอเดินทางเพื่อวัตถุประสงค์ในการแสวงประโยชน์ก็เพียงพอ"
                                            ),
                                        },
                                        {
                                            "text": "เป็นการลักลอบขนผู้ย้ายถิ่น เพราะเธอเดินทางโดยสมัครใจ",
                                            "correct": False,
                                            "feedback": (
                                                "การลักลอบขนผู้ย้ายถิ่นเกี่ยวกับการจัดให้มีการเข้าเมืองโดยผิดกฎหมา"
                                                "ย การเดินทางโดยสมัครใจไม่ได้ตัดความเป็นไปได้ของการค้ามนุษย์ "
                                                "โดยเฉพาะกรณีเด็ก"
                                            ),
                                        },
                                    ],
                                    "explanation": (
                                        "กรณีเด็ก นิยามมีเพียงสององค์ประกอบ คือการกระทำและวัตถุประสงค์ "
                                        "ให้ปฏิบัติต่อเด็กหญิงรายนี้ในฐานะผู้ที่อาจเป็นเด็กผู้เสียหาย "
                                        "และประสานหน่วยงานคุ้มครองเด็ก"
                                    ),
                                },
                            ],
                        },
                        {
                            "slug": "trafficking-or-smuggling",
                            "title": "การค้ามนุษย์หรือการลักลอบขนผู้ย้ายถิ่น",
                            "summary": (
                                "วิธีแยกการค้ามนุษย์ออกจากการลักลอบขนผู้ย้ายถิ่น "
                                "และเหตุใดความแตกต่างนี้จึงสำคัญต่อบุคคลที่อยู่ตรงหน้าท่าน"
                            ),
                            "minutes": 12,
                            "body": [
                                {
                                    "type": "text",
                                    "html": (
                                        "<h2>อาชญากรรมสองประเภทที่แตกต่างกัน</h2>"
                                        "<p>พิธีสารต่อต้านการลักลอบขนผู้ย้ายถิ่นฐานโดยทางบก ทางทะเล "
                                        "และทางอากาศ ซึ่งเป็นพิธีสารปาแลร์โมฉบับที่สอง "
                                        "นิยามการลักลอบขนผู้ย้ายถิ่นว่าเป็นการจัดให้บุคคล "
                                        "เข้าเมืองโดยผิดกฎหมายในรัฐที่บุคคลนั้นไม่ได้เป็นคนชาติหรือผู้มีถิ่นที่อยู่ถาวร "
                                        "เพื่อให้ได้มาซึ่งผลประโยชน์ทางการเงินหรือทางวัตถุอื่น "
                                        "เจ้าหน้าที่ชายแดนพบอาชญากรรม ทั้งสองประเภท "
                                        "บ่อยครั้งบนเส้นทางเดียวกันและผ่านนายหน้าคนเดียวกัน "
                                        "แต่ผลที่เกิดกับบุคคลตรงหน้าท่านแตกต่างกันมาก</p>"
                                        "<ul><li><b>ความยินยอม:</b> ผู้ย้ายถิ่นที่ถูกลักลอบขนมักยินยอมให้ขน "
                                        "ส่วนผู้เสียหายจากการค้ามนุษย์ไม่เคยยินยอม "
                                        "หรือความยินยอมนั้นได้มาโดยวิธีการที่มิชอบ</li>"
                                        "<li><b>การแสวงประโยชน์:</b> "
                                        "การลักลอบขนมักสิ้นสุดเมื่อถึงปลายทางและจ่ายค่าจ้างแล้ว "
                                        "ส่วนการค้ามนุษย์ดำเนินต่อไปหลังถึงปลายทาง "
                                        "เพราะผู้ค้าได้กำไรจากการแสวงประโยชน์จากผู้เสียหาย</li>"
                                        "<li><b>การข้ามแดน:</b> "
                                        "การลักลอบขนต้องมีการข้ามพรมแดนระหว่างประเทศโดยผิดกฎหมายเสมอ "
                                        "ส่วนการค้ามนุษย์เกิดขึ้นภายในประเทศเดียวได้ "
                                        "และอาจเดินทางอย่างถูกกฎหมายทุกขั้นตอน</li>"
                                        "<li><b>ผู้ที่ได้รับความเสียหาย:</b> "
                                        "การลักลอบขนเป็นความผิดต่อกฎเกณฑ์การควบคุมชายแดนของรัฐ "
                                        "แม้ผู้ย้ายถิ่นมักตกเป็นเหยื่ออาชญากรรมอื่นระหว่างทาง "
                                        "ส่วนการค้ามนุษย์เป็นความผิดต่อตัวบุคคล</li></ul>"
                                    ),
                                },
                                {
                                    "type": "text",
                                    "html": (
                                        "<h3>เมื่อการลักลอบขนกลายเป็นการค้ามนุษย์</h3>"
                                        "<p>เส้นแบ่งอาจเปลี่ยนได้ระหว่างการเดินทาง ผู้ย้ายถิ่นที่จ่ายเงินให้นายหน้า "
                                        "เพื่อข้ามจากเมียนมาเข้าประเทศไทย "
                                        "อาจถูกแจ้งเมื่อมาถึงว่าค่าใช้จ่ายเพิ่มเป็นสองเท่า "
                                        "และต้องทำงานบนเรือประมงหรือในโรงงานจนกว่าจะใช้หนี้หมด "
                                        "โดยนายหน้ายึดเอกสารไว้ เมื่อถึงจุดนั้น "
                                        "สถานการณ์มีทั้งวิธีการของการค้ามนุษย์ (การหลอกลวง การใช้หนี้ผูกมัด "
                                        "การใช้ประโยชน์จากสภาวะเปราะบาง) และวัตถุประสงค์ "
                                        "(การบังคับใช้แรงงาน)</p>"
                                        '<p>อย่าด่วนสรุปโดยระบุว่ากลุ่มคนเป็น "ผู้ย้ายถิ่นที่ถูกลักลอบขน" '
                                        "ตั้งแต่การพบครั้งแรก ให้บันทึกสิ่งที่ท่านเห็นและได้ยิน "
                                        "และตั้งคำถามต่อไปว่ามีข้อบ่งชี้การค้ามนุษย์หรือไม่</p>"
                                    ),
                                },
                                {
                                    "type": "callout",
                                    "title": "เหตุใดการจำแนกจึงสำคัญ",
                                    "text": (
                                        "ผู้เสียหายจากการค้ามนุษย์มีสิทธิได้รับการคุ้มครองและความช่วยเหลือ "
                                        "และไม่ควรถูกลงโทษสำหรับความผิดที่เป็นผลโดยตรงจากการถูกค้ามนุษย์ "
                                        "หากผู้เสียหายถูกดำเนินการผิดพลาดในฐานะผู้ย้ายถิ่นผิดกฎหมาย "
                                        "อาจถูกกักตัวและส่งกลับ ไปอยู่ในมือของผู้ค้ามนุษย์อีกครั้ง "
                                        "และการสอบสวนจะสูญเสียพยานคนสำคัญ"
                                    ),
                                },
                                {
                                    "type": "scenario",
                                    "title": "เรือลำหนึ่งบนแม่น้ำโขง",
                                    "situation": (
                                        "<p>ที่จุดข้ามแม่น้ำระหว่างประเทศไทยกับ สปป. ลาว "
                                        "สายตรวจหยุดเรือหางยาวที่บรรทุกคนสัญชาติลาว 11 คน อายุระหว่าง 17 ถึง "
                                        "25 ปี ไม่มีผู้ใดมีเอกสารเดินทาง "
                                        "คนขับเรือบอกว่าคนเหล่านี้จ้างเขาให้พาข้ามฟาก "
                                        "ผู้โดยสารคนหนึ่งมีกระดาษเขียนด้วยลายมือ "
                                        "ระบุหมายเลขโทรศัพท์และชื่อโรงงานตัดเย็บเสื้อผ้า ในกรุงเทพฯ "
                                        'หญิงสาวสองคนบอกว่าจะมี "ผู้จัดการ" มารับ '
                                        "และครอบครัวของพวกเธอได้รับเงินล่วงหน้าไปแล้ว</p>"
                                    ),
                                    "question": "นี่เป็นเพียงคดีลักลอบขนผู้ย้ายถิ่นหรือไม่ เจ้าหน้าที่ควรทำอะไรต่อไป",
                                    "discussion": (
                                        "<p>คำบอกเล่าของคนขับเรือเข้าลักษณะการลักลอบขน "
                                        "แต่มีข้อเท็จจริงหลายประการที่ชี้ว่า อาจเป็นการค้ามนุษย์ ได้แก่ "
                                        "นายจ้างที่นัดไว้ล่วงหน้าว่าจะมารับ เงินล่วงหน้าที่ให้ครอบครัว "
                                        "(ซึ่งอาจเป็นหนี้) และผู้โดยสารอย่างน้อยหนึ่งคนที่อาจเป็นเด็ก "
                                        "ข้อเท็จจริงเหล่านี้เป็นเหตุให้ต้องคัดกรองผู้โดยสารเป็นรายบุคคล "
                                        "ไม่ใช่เหตุให้ปิดคดี</p>"
                                        "<ul><li>แยกผู้โดยสารออกจากคนขับเรือ และแยกจากกันเองหากทำได้ "
                                        "พูดคุยกับแต่ละคนเป็นภาษาลาวผ่านล่ามที่เป็นอิสระ</li>"
                                        "<li>ปฏิบัติต่อผู้ที่อายุ 17 ปีในฐานะเด็ก ซึ่งไม่ต้องมีองค์ประกอบด้านวิธีการ "
                                        "และต้องใช้ขั้นตอนการคุ้มครองเด็ก</li>"
                                        '<li>บันทึกหมายเลขโทรศัพท์ ชื่อโรงงาน และรูปพรรณของ "ผู้จัดการ" '
                                        "แล้วส่งต่อให้หน่วยงานปราบปรามการค้ามนุษย์</li>"
                                        "<li>อย่าดำเนินการส่งกลับกลุ่มนี้ทันทีจนกว่าการคัดกรองจะเสร็จสิ้น</li></ul"
                                        ">"
                                    ),
                                },
                                {
                                    "type": "check",
                                    "question": (
                                        "องค์ประกอบใดเป็นส่วนหนึ่งของการค้ามนุษย์ "
                                        "แต่ไม่จำเป็นสำหรับการลักลอบขนผู้ย้ายถิ่น"
                                    ),
                                    "options": [
                                        {
                                            "text": "การข้ามพรมแดนโดยผิดกฎหมาย",
                                            "correct": False,
                                            "feedback": (
                                                "นี่เป็นองค์ประกอบที่จำเป็นของการลักลอบขน ไม่ใช่ของการค้ามนุษย์ "
                                                "การค้ามนุษย์เกิดขึ้นได้โดยไม่ต้องข้ามพรมแดนใดเลย"
                                            ),
                                        },
                                        {
                                            "text": "วัตถุประสงค์เพื่อการแสวงประโยชน์",
                                            "correct": True,
                                            "feedback": (
                                                "ถูกต้อง การแสวงประโยชน์เป็นวัตถุประสงค์ของการค้ามนุษย์ "
                                                "ส่วนการลักลอบขนสำเร็จเมื่อจัดให้มีการเข้าเมืองโดยผิดกฎหมายเพื่อ"
                                                "ผลประโยชน์"
                                            ),
                                        },
                                        {
                                            "text": "การจ่ายค่าจ้างให้นายหน้า",
                                            "correct": False,
                                            "feedback": (
                                                "ผู้ย้ายถิ่นที่ถูกลักลอบขนมักจ่ายเงิน "
                                                "และผู้เสียหายจากการค้ามนุษย์ก็มักจ่าย ค่าหัวคิวเช่นกัน "
                                                "การจ่ายเงินจึงใช้แยกสองกรณีนี้ไม่ได้"
                                            ),
                                        },
                                        {
                                            "text": "การเดินทางเป็นกลุ่ม",
                                            "correct": False,
                                            "feedback": (
                                                "ทั้งผู้ย้ายถิ่นที่ถูกลักลอบขนและผู้เสียหายจากการค้ามนุษย์ "
                                                "อาจเดินทางคนเดียวหรือเป็นกลุ่มก็ได้"
                                            ),
                                        },
                                    ],
                                    "explanation": (
                                        "การแสวงประโยชน์เป็นแก่นของการค้ามนุษย์ "
                                        "การเข้าเมืองโดยผิดกฎหมายเป็นแก่นของการลักลอบขน "
                                        "การเดินทางครั้งเดียวอาจมีทั้งสองอย่าง"
                                    ),
                                },
                            ],
                        },
                    ],
                    "quiz": {
                        "slug": "understanding-trafficking-quiz",
                        "title": "แบบทดสอบโมดูลที่ 1: ทำความเข้าใจการค้ามนุษย์",
                        "intro": (
                            "ทดสอบความเข้าใจเรื่องนิยามของการค้ามนุษย์ "
                            "และความแตกต่างระหว่างการค้ามนุษย์กับการลักลอบขนผู้ย้ายถิ่น ต้องได้คะแนนร้อยละ 70 "
                            "จึงจะผ่าน"
                        ),
                        "pass_mark": 70,
                    },
                },
                {
                    "slug": "recognising-indicators",
                    "title": "การสังเกตข้อบ่งชี้ที่ชายแดน",
                    "summary": (
                        "สัญญาณจากเอกสาร พฤติกรรม และรูปแบบการเดินทางที่ควรทำให้ท่านตรวจสอบให้ละเอียดขึ้น "
                        "และวิธีพูดคุยครั้งแรกอย่างปลอดภัย"
                    ),
                    "lessons": [
                        {
                            "slug": "indicators",
                            "title": "ข้อบ่งชี้จากเอกสาร พฤติกรรม และการเดินทาง",
                            "summary": (
                                "ข้อบ่งชี้การค้ามนุษย์ที่พบบ่อยซึ่งเจ้าหน้าที่ด่านหน้าสังเกตได้ที่ช่องตรวจคนเข้าเมืองและจุดตร"
                                "วจ"
                            ),
                            "minutes": 14,
                            "body": [
                                {
                                    "type": "text",
                                    "html": (
                                        "<h2>ข้อบ่งชี้ ไม่ใช่หลักฐาน</h2>"
                                        "<p>ข้อบ่งชี้คือข้อเท็จจริงหรือพฤติกรรมที่ควรทำให้ท่านตรวจสอบให้ละเอียดขึ้น "
                                        "ข้อบ่งชี้การค้ามนุษย์ที่ UNODC เผยแพร่ "
                                        "และแบบตรวจสอบที่คณะทำงานระดับชาติใช้ จัดกลุ่มข้อบ่งชี้ในลักษณะคล้ายกัน "
                                        "ไม่มีข้อบ่งชี้ใดเพียงข้อเดียวที่พิสูจน์การค้ามนุษย์ได้ "
                                        "และหลายข้อมีคำอธิบายที่สุจริต "
                                        "สิ่งสำคัญคือการพิจารณาข้อบ่งชี้หลายข้อประกอบกัน "
                                        "และดูว่าคำบอกเล่าของบุคคลนั้นสอดคล้องกันหรือไม่</p>"
                                    ),
                                },
                                {
                                    "type": "image",
                                    "file": "tip-indicators.png",
                                    "alt": (
                                        "แผงสามแผง หัวข้อ เอกสาร (Documents) พฤติกรรม (Behaviour) "
                                        "และรูปแบบการเดินทาง (Travel pattern) "
                                        "แต่ละแผงแสดงข้อบ่งชี้การค้ามนุษย์สี่ข้อ"
                                    ),
                                    "caption": (
                                        "ข้อบ่งชี้การค้ามนุษย์แบ่งได้เป็นสามกลุ่ม ให้พิจารณาหลายข้อประกอบกัน"
                                    ),
                                },
                                {
                                    "type": "text",
                                    "html": (
                                        "<h3>เอกสาร</h3>"
                                        "<ul><li>หนังสือเดินทาง บัตรประจำตัว หรือตั๋วอยู่กับผู้อื่น "
                                        "หรือผู้ร่วมเดินทางเป็นผู้ยื่นให้</li>"
                                        "<li>เอกสารปลอมหรือได้มาโดยทุจริต "
                                        "หรือหนังสือเดินทางจริงที่เพิ่งออกให้กับผู้ที่ไม่เคยเดินทางมาก่อน</li>"
                                        "<li>วีซ่าไม่ตรงกับวัตถุประสงค์ที่แจ้ง เช่น "
                                        "ถือวีซ่าท่องเที่ยวแต่บอกว่าจะไปทำงาน</li>"
                                        "<li>ไม่รู้ที่อยู่ นายจ้าง หรือสัญญาจ้างที่ระบุในเอกสารของตนเอง</li>"
                                        "<li>อายุในเอกสารไม่สอดคล้องกับรูปลักษณ์ของบุคคล</li></ul>"
                                        "<h3>พฤติกรรม</h3>"
                                        "<ul><li>ผู้ร่วมเดินทางตอบคำถามแทน อยู่ใกล้ชิดตลอดเวลา "
                                        "หรือคอยเฝ้ามองอยู่ห่าง ๆ</li>"
                                        "<li>คำตอบฟังเหมือนท่องจำมา หรือเหมือนกันทุกคนในกลุ่ม</li>"
                                        "<li>มีอาการหวาดกลัว วิตกกังวล หรือหลีกเลี่ยงเจ้าหน้าที่ "
                                        "หรือมีร่องรอยการถูกทำร้าย ขาดอาหาร หรืออ่อนเพลียอย่างมาก</li>"
                                        "<li>พูดถึงหนี้ที่ต้องชดใช้ หรือค่าหัวคิวที่จ่ายให้นายหน้า</li>"
                                        "<li>ไม่พูดภาษาท้องถิ่น และไม่มีเงินหรือโทรศัพท์เป็นของตนเอง</li></ul>"
                                        "<h3>รูปแบบการเดินทาง</h3>"
                                        "<ul><li>บุคคลอื่นเป็นผู้ซื้อตั๋วให้ มักจ่ายเป็นเงินสด "
                                        "และบางครั้งเป็นตั๋วเที่ยวเดียว</li>"
                                        "<li>เส้นทางอ้อมผ่านจุดต่อเครื่องหลายแห่ง "
                                        "หรือเส้นทางที่ไม่สมเหตุสมผลกับวัตถุประสงค์ที่แจ้ง</li>"
                                        "<li>คนหนุ่มสาวเดินทางเป็นกลุ่มโดยมีผู้ใหญ่คนเดียวคุมมา "
                                        "หรือผู้เดินทางหลายคนมีข้อเสนองานแบบเดียวกัน</li>"
                                        "<li>ผู้คุมมาเดินทางซ้ำหลายครั้งในช่วงที่ผ่านมา "
                                        "โดยพาคนหนุ่มสาวต่างกลุ่มกันมาด้วย</li></ul>"
                                    ),
                                },
                                {
                                    "type": "callout",
                                    "title": "พิจารณาหลายข้อประกอบกัน",
                                    "text": (
                                        "หญิงสาวถือวีซ่าท่องเที่ยวแต่ไม่รู้ชื่อโรงแรมที่พัก "
                                        "ชายสูงวัยกว่าเป็นผู้ยื่นหนังสือเดินทางให้ และผู้อื่นเป็นผู้ซื้อตั๋วให้ "
                                        "ข้อเท็จจริงแต่ละข้ออาจเป็นเรื่องสุจริต "
                                        "แต่เมื่อรวมกันแล้วเป็นเหตุเพียงพอที่จะพูดคุยเป็นการส่วนตัว"
                                    ),
                                },
                                {
                                    "type": "text",
                                    "html": (
                                        "<h3>ข้อบ่งชี้ของการแสวงประโยชน์แต่ละรูปแบบ</h3>"
                                        "<p>สำหรับการบังคับใช้แรงงาน เช่น ในงานประมง ก่อสร้าง เกษตรกรรม "
                                        "หรือโรงงาน ให้สังเกตค่าหัวคิว การหักหรือค้างจ่ายค่าจ้าง การยึดเอกสาร "
                                        "และการจำกัดเสรีภาพในการเดินทาง ข้อบ่งชี้การใช้แรงงานบังคับของ ILO "
                                        "เป็นแหล่งอ้างอิงที่มีประโยชน์ สำหรับการแสวงประโยชน์ทางเพศ "
                                        "ให้สังเกตข้อเสนองานที่คลุมเครือ เช่น พนักงานเสิร์ฟ พนักงานต้อนรับ "
                                        "หรือนักเต้น สำหรับการบังคับให้กระทำความผิด "
                                        "รวมถึงการถูกบังคับให้ทำงานในแหล่งหลอกลวงทางออนไลน์ (สแกมเมอร์) "
                                        'ให้สังเกตข้อเสนองานด้าน "ไอที" "บริการลูกค้า" หรือ "การตลาด" '
                                        "ที่ให้เงินเดือนสูง ไม่ต้องมีคุณสมบัติ และจัดการเดินทางผ่านประเทศที่สาม</p>"
                                    ),
                                },
                                {
                                    "type": "check",
                                    "question": (
                                        "ข้อใดต่อไปนี้ เพียงข้อเดียวก็พิสูจน์ได้ว่าผู้เดินทางเป็นผู้เสียหายจากการค้ามนุษย์"
                                    ),
                                    "options": [
                                        {
                                            "text": "เดินทางด้วยตั๋วเที่ยวเดียว",
                                            "correct": False,
                                            "feedback": (
                                                "ผู้เดินทางสุจริตจำนวนมากซื้อตั๋วเที่ยวเดียว "
                                                "เป็นข้อบ่งชี้ที่ต้องพิจารณาร่วมกับข้ออื่น ไม่ใช่หลักฐาน"
                                            ),
                                        },
                                        {
                                            "text": "ผู้ร่วมเดินทางถือหนังสือเดินทางไว้ให้",
                                            "correct": False,
                                            "feedback": (
                                                "เป็นข้อบ่งชี้ที่มีน้ำหนัก แต่พ่อแม่ หัวหน้าทัวร์ "
                                                "หรือนายจ้างที่พาเดินทางไปทำธุรกิจก็อาจถือเอกสารไว้ให้เช่นกัน"
                                            ),
                                        },
                                        {
                                            "text": "ไม่มีข้อใดเลย ต้องพิจารณาข้อบ่งชี้หลายข้อประกอบกัน",
                                            "correct": True,
                                            "feedback": (
                                                "ถูกต้อง ข้อบ่งชี้ทำให้มีเหตุอันควรสอบถามเพิ่มเติม "
                                                "ไม่มีข้อบ่งชี้ใดเพียงข้อเดียวที่เป็นหลักฐาน"
                                            ),
                                        },
                                        {
                                            "text": "มีอาการประหม่าที่ช่องตรวจ",
                                            "correct": False,
                                            "feedback": (
                                                "ผู้เดินทางจำนวนมากประหม่าเมื่ออยู่ต่อหน้าเจ้าหน้าที่ "
                                                "ความประหม่าเพียงอย่างเดียวไม่ได้พิสูจน์อะไร"
                                            ),
                                        },
                                    ],
                                    "explanation": (
                                        "ใช้ข้อบ่งชี้เพื่อตัดสินใจว่าใครควรได้รับการพูดคุยเป็นการส่วนตัวอย่างละเอียด "
                                        "ไม่ใช่เพื่อสรุปผลที่ช่องตรวจ"
                                    ),
                                },
                            ],
                        },
                        {
                            "slug": "first-conversation",
                            "title": "การพูดคุยครั้งแรกกับผู้ที่อาจเป็นผู้เสียหาย",
                            "summary": (
                                "วิธีแยกตัว สอบถาม และสร้างความมั่นใจให้ผู้ที่อาจเป็นผู้เสียหายโดยไม่ก่อให้เกิดอันตราย"
                            ),
                            "minutes": 14,
                            "body": [
                                {
                                    "type": "text",
                                    "html": (
                                        "<h2>วัตถุประสงค์ของการพูดคุยครั้งแรก</h2>"
                                        "<p>ที่ชายแดน หน้าที่ของท่านไม่ใช่การบันทึกปากคำอย่างละเอียดหรือพิสูจน์ความ"
                                        "ผิด แต่คือการค้นหาว่ามีเหตุอันควรสงสัยว่าเป็นการค้ามนุษย์หรือไม่ "
                                        "ดูแลให้บุคคลนั้นปลอดภัย และส่งต่อให้ผู้ที่ได้รับการฝึกอบรมดำเนินการต่อ "
                                        "ข้อแนะนำด้านจริยธรรมและความปลอดภัยในการสัมภาษณ์สตรีที่ถูกค้ามนุษย์ขององ"
                                        "ค์การอนามัยโลก (WHO Ethical and Safety Recommendations for "
                                        "Interviewing Trafficked Women, พ.ศ. 2546) สรุปหลักไว้ว่า "
                                        "ต้องไม่ก่อให้เกิดอันตราย (do no harm)</p>"
                                        "<h3>ก่อนเริ่มพูดคุย</h3>"
                                        "<ul><li>แยกบุคคลนั้นออกจากผู้ร่วมเดินทาง โดยอ้างเหตุผลตามปกติ เช่น "
                                        "การตรวจเอกสารเพิ่มเติม เพื่อไม่ให้ผู้ร่วมเดินทางไหวตัว</li>"
                                        "<li>ใช้ห้องที่เป็นส่วนตัว พ้นสายตาผู้เดินทางคนอื่นและผู้ร่วมเดินทาง</li>"
                                        "<li>จัดเจ้าหน้าที่หญิงให้กับผู้หญิงหรือเด็กหญิง "
                                        "และถามความประสงค์ของบุคคลนั้นเมื่อทำได้</li>"
                                        "<li>ใช้ล่ามที่ไม่มีความเกี่ยวข้องกับผู้ร่วมเดินทาง นายหน้า "
                                        "หรือชุมชนของบุคคลนั้น ห้ามใช้ผู้เดินทางด้วยกันหรือผู้ร่วมเดินทางเป็นล่าม</li>"
                                        "<li>จัดน้ำดื่ม ที่นั่ง และห้องน้ำให้ "
                                        "คนที่หวาดกลัวและอ่อนล้าไม่สามารถเล่าเรื่องได้อย่างชัดเจน</li></ul>"
                                        "<h3>ระหว่างการพูดคุย</h3>"
                                        "<ul><li>แนะนำตัว และอธิบายอย่างง่าย ๆ ว่าทำไมจึงพูดคุย "
                                        "และจะเกิดอะไรขึ้นต่อไป</li>"
                                        '<li>เริ่มด้วยคำถามปลายเปิด: "เล่าเรื่องการเดินทางครั้งนี้ให้ฟังหน่อย" '
                                        '"ใครเป็นคนหางานนี้ให้" "ไปถึงแล้วจะทำงานอะไร"</li>'
                                        '<li>แล้วจึงถามเจาะจง: "ตอนนี้หนังสือเดินทางของคุณอยู่กับใคร" '
                                        '"คุณเป็นหนี้ใครเพื่อการเดินทางครั้งนี้หรือไม่" "ถ้าอยากลาออกจากงาน '
                                        'ลาออกได้ไหม" "ใครจะมารับคุณ"</li>'
                                        "<li>อย่าให้สัญญาในสิ่งที่ท่านทำไม่ได้ เช่น ใบอนุญาตให้อยู่อาศัยหรือเงิน</li>"
                                        "<li>อย่าเร่งเร้าให้เล่ารายละเอียดการถูกล่วงละเมิดทางเพศ "
                                        "ซึ่งเป็นหน้าที่ของผู้สัมภาษณ์ที่มีความเชี่ยวชาญในภายหลัง</li>"
                                        "<li>สังเกตอาการเครียดหรือทุกข์ใจ และให้พักเป็นระยะ</li></ul>"
                                    ),
                                },
                                {
                                    "type": "callout",
                                    "title": "ผู้เสียหายไม่ค่อยบอกว่าตนเองเป็นผู้เสียหาย",
                                    "text": (
                                        "ผู้เสียหายจำนวนมากไม่มองว่าตนเองเป็นผู้เสียหาย "
                                        "อาจมีความภักดีต่อนายหน้าที่เป็นญาติ เชื่อว่าหนี้นั้นเป็นธรรม "
                                        "กลัวเจ้าหน้าที่มากกว่ากลัวผู้ค้ามนุษย์ หรือถูกสอนมาให้โกหก "
                                        "การปฏิเสธจึงไม่ได้หมายความว่าไม่มีการค้ามนุษย์"
                                    ),
                                },
                                {
                                    "type": "scenario",
                                    "title": "จุดตรวจขาออกที่ท่าอากาศยานซูการ์โน-ฮัตตา",
                                    "situation": (
                                        "<p>ที่จุดตรวจคนเข้าเมืองขาออก ท่าอากาศยานนานาชาติซูการ์โน-ฮัตตา "
                                        "กรุงจาการ์ตา เจ้าหน้าที่ตรวจหญิงชาวอินโดนีเซียสามคนอายุราวยี่สิบต้น ๆ "
                                        "ที่เดินทางไปประเทศแถบอ่าวอาหรับด้วยวีซ่าเยี่ยมเยือน "
                                        "ชายวัยสี่สิบเศษยืนอยู่ด้านหลัง "
                                        "และเป็นผู้ยื่นหนังสือเดินทางกับบัตรขึ้นเครื่องของทั้งสามคน "
                                        'หญิงทั้งสามบอกว่าจะไปเยี่ยม "ญาติ" แต่บอกชื่อเมืองไม่ได้ '
                                        "คนหนึ่งมีกระดาษในกระเป๋าที่ระบุชื่อบริษัทจัดหางานและเงินเดือนรายเดือน</p>"
                                    ),
                                    "question": "เจ้าหน้าที่ควรดำเนินการอย่างไรที่ช่องตรวจและหลังจากนั้น",
                                    "discussion": (
                                        "<p>วีซ่าเยี่ยมเยือนสำหรับสิ่งที่ดูเหมือนการย้ายถิ่นเพื่อทำงาน "
                                        "ผู้ร่วมเดินทางที่ควบคุมเอกสาร คำตอบที่คลุมเครือ "
                                        "และกระดาษที่ชี้ไปยังบริษัทจัดหางาน รวมกันเป็นข้อบ่งชี้ที่มีน้ำหนักมาก "
                                        "กฎหมายอินโดนีเซียกำหนดให้แรงงานย้ายถิ่นต้องเดินทางผ่านขั้นตอนการจัดส่งอย่"
                                        "างเป็นทางการ การออกเดินทางด้วยวีซ่าเยี่ยมเยือนเพื่อไปทำงานจึงอาจบ่งชี้กา"
                                        "รจัดส่งที่ไม่ถูกต้องด้วย</p>"
                                        "<ul><li>ส่งหญิงทั้งสามไปยังการตรวจขั้นที่สองในลักษณะการตรวจตามปกติ "
                                        "โดยไม่เผชิญหน้ากับชายคนนั้นที่ช่องตรวจ</li>"
                                        "<li>พูดคุยกับหญิงแต่ละคนแยกกัน โดยมีเจ้าหน้าที่หญิง</li>"
                                        "<li>บันทึกตัวตนและรายละเอียดการเดินทางของชายคนนั้น "
                                        "และตรวจสอบว่าเคยพาผู้เดินทางคนอื่นมาก่อนหรือไม่</li>"
                                        "<li>หากข้อบ่งชี้ได้รับการยืนยัน "
                                        "ให้ติดต่อผู้ประสานงานด้านการต่อต้านการค้ามนุษย์ "
                                        "และหน่วยงานคุ้มครองแรงงานย้ายถิ่นตามขั้นตอนระดับชาติ</li>"
                                        "<li>ปฏิบัติต่อหญิงทั้งสามในฐานะผู้ที่อาจเป็นผู้เสียหาย "
                                        "ไม่ใช่ผู้กระทำความผิดที่พยายามเดินทางออกโดยไม่ถูกต้อง</li></ul>"
                                    ),
                                },
                                {
                                    "type": "check",
                                    "question": (
                                        "ใครเหมาะสมที่สุดที่จะเป็นล่ามในการพูดคุยครั้งแรกกับผู้ที่อาจเป็นผู้เสียหาย"
                                    ),
                                    "options": [
                                        {
                                            "text": "ผู้ร่วมเดินทางซึ่งพูดได้ทั้งสองภาษา",
                                            "correct": False,
                                            "feedback": (
                                                "ผู้ร่วมเดินทางอาจเป็นผู้ค้ามนุษย์เอง "
                                                "บุคคลนั้นจะไม่กล้าพูดอย่างอิสระ และคำแปลก็เชื่อถือไม่ได้"
                                            ),
                                        },
                                        {
                                            "text": "ผู้เดินทางอีกคนที่มาจากหมู่บ้านเดียวกัน",
                                            "correct": False,
                                            "feedback": (
                                                "คนในหมู่บ้านเดียวกันอาจเกี่ยวข้องกับนายหน้า "
                                                "และบุคคลนั้นอาจกลัวการนินทาหรือการแก้แค้นเมื่อกลับบ้าน"
                                            ),
                                        },
                                        {
                                            "text": "ล่ามอิสระที่ไม่มีความเกี่ยวข้องกับบุคคลนั้นหรือผู้ร่วมเดินทาง",
                                            "correct": True,
                                            "feedback": (
                                                "ถูกต้อง ความเป็นอิสระและการรักษาความลับทำให้บุคคลนั้นกล้าพูด"
                                            ),
                                        },
                                        {
                                            "text": "สมาชิกในครอบครัวทางโทรศัพท์",
                                            "correct": False,
                                            "feedback": (
                                                "บางครั้งสมาชิกในครอบครัวมีส่วนในการจัดหา "
                                                "และการโทรศัพท์ไม่อาจรับประกันความเป็นส่วนตัวได้"
                                            ),
                                        },
                                    ],
                                    "explanation": (
                                        "ใช้ล่ามมืออาชีพหรือล่ามที่ผ่านการตรวจสอบแล้ว "
                                        "ไม่ว่าจะมาด้วยตนเองหรือทางโทรศัพท์ "
                                        "โดยต้องไม่มีความเกี่ยวข้องกับผู้ใดในการเดินทางครั้งนั้น"
                                    ),
                                },
                            ],
                        },
                    ],
                    "quiz": {
                        "slug": "recognising-indicators-quiz",
                        "title": "แบบทดสอบโมดูลที่ 2: การสังเกตข้อบ่งชี้",
                        "intro": (
                            "ทดสอบว่าท่านสามารถสังเกตข้อบ่งชี้การค้ามนุษย์ "
                            "และวางแผนการพูดคุยครั้งแรกอย่างปลอดภัยได้ ต้องได้คะแนนร้อยละ 70 จึงจะผ่าน"
                        ),
                        "pass_mark": 70,
                    },
                },
                {
                    "slug": "protecting-and-referring",
                    "title": "การคุ้มครองและส่งต่อผู้เสียหาย",
                    "summary": (
                        "สิ่งที่ต้องทำเมื่อสงสัยว่าเป็นการค้ามนุษย์ ได้แก่ การดูแลความจำเป็นเร่งด่วน "
                        "หลักการไม่ลงโทษผู้เสียหาย กรณีเด็ก และการส่งต่อตามขั้นตอนระดับชาติ"
                    ),
                    "lessons": [
                        {
                            "slug": "immediate-protection",
                            "title": "การคุ้มครองเบื้องต้น",
                            "summary": (
                                "ขั้นตอนการคุ้มครองขั้นแรก หลักการไม่ลงโทษผู้เสียหาย และหลักเกณฑ์พิเศษสำหรับเด็ก"
                            ),
                            "minutes": 12,
                            "body": [
                                {
                                    "type": "text",
                                    "html": (
                                        "<h2>ความปลอดภัยต้องมาก่อน</h2>"
                                        "<p>เมื่อท่านสงสัยว่าบุคคลใดอาจเป็นผู้เสียหาย "
                                        "ลำดับความสำคัญของท่านจะเปลี่ยนไป "
                                        "บุคคลนั้นอาจเป็นผู้เสียหายจากอาชญากรรมร้ายแรงและอาจเป็นพยาน "
                                        "หลักการข้อแรกในหลักการและแนวปฏิบัติที่แนะนำว่าด้วยสิทธิมนุษยชนและการค้าม"
                                        "นุษย์ ของสำนักงานข้าหลวงใหญ่เพื่อสิทธิมนุษยชนแห่งสหประชาชาติ (OHCHR, "
                                        "พ.ศ. 2545) ระบุว่า สิทธิมนุษยชนของผู้ถูกค้ามนุษย์ต้องเป็นศูนย์กลางของความ"
                                        "พยายามทั้งปวงในการต่อต้านการค้ามนุษย์</p>"
                                        "<h3>ความจำเป็นเร่งด่วน</h3>"
                                        "<ul><li><b>ความปลอดภัย:</b> "
                                        "แยกบุคคลนั้นให้ห่างจากผู้ร่วมเดินทางหรือนายหน้า "
                                        "และพิจารณาว่าบุคคลนั้นหรือครอบครัวเสี่ยงต่อการถูกแก้แค้นหรือไม่</li>"
                                        "<li><b>สุขภาพ:</b> การบาดเจ็บ การเจ็บป่วย การตั้งครรภ์ "
                                        "หรือความทุกข์ใจอย่างรุนแรงอาจต้องได้รับการดูแลเร่งด่วน</li>"
                                        "<li><b>ความต้องการพื้นฐาน:</b> อาหาร น้ำ การพักผ่อน ที่นอน "
                                        "และเสื้อผ้า</li>"
                                        "<li><b>การสื่อสาร:</b> ล่าม ข้อมูลเกี่ยวกับสิ่งที่กำลังเกิดขึ้น "
                                        "และการติดต่อครอบครัวหรือสถานกงสุลของตน "
                                        "หากปลอดภัยและบุคคลนั้นต้องการ</li></ul>"
                                        "<h3>หลักการไม่ลงโทษผู้เสียหาย</h3>"
                                        "<p>ผู้เสียหายมักถูกพบขณะกระทำความผิด เช่น เข้าเมืองโดยผิดกฎหมาย "
                                        "ใช้เอกสารปลอม อยู่เกินกำหนด ทำงานโดยไม่มีใบอนุญาต "
                                        "หรือขนยาเสพติดเพราะถูกข่มขู่ หลักการข้อ 7 ของหลักการที่แนะนำของ "
                                        "OHCHR ระบุว่า ผู้ถูกค้ามนุษย์ต้องไม่ถูกกักตัว ตั้งข้อหา หรือดำเนินคดี "
                                        "เพราะการเข้าเมืองหรือการอยู่อาศัยโดยผิดกฎหมาย "
                                        "หรือเพราะการมีส่วนในกิจกรรมที่ผิดกฎหมาย "
                                        "ในขอบเขตที่เป็นผลโดยตรงจากสถานการณ์ การถูกค้ามนุษย์ ข้อ 14 ของ "
                                        "ACTIP ขอให้รัฐพิจารณาไม่ให้ผู้เสียหายต้องรับผิด "
                                        "ทางอาญาหรือทางปกครองสำหรับการกระทำดังกล่าว</p>"
                                        "<p>ในทางปฏิบัติ อย่าออกคำสั่งปรับ คำสั่งกักตัว หรือคำสั่งส่งกลับ "
                                        "ต่อผู้ที่อาจเป็นผู้เสียหายก่อนการคัดกรองจะเสร็จสิ้น "
                                        "หากกฎหมายไม่เปิดทางเลือกให้ท่าน ให้บันทึกข้อบ่งชี้อย่างชัดเจน "
                                        "และแจ้งหน่วยงานปราบปรามการค้ามนุษย์ทันที</p>"
                                    ),
                                },
                                {
                                    "type": "callout",
                                    "title": "การคุ้มครองต้องไม่มีเงื่อนไข",
                                    "text": (
                                        "ความช่วยเหลือและการคุ้มครองไม่ควรขึ้นอยู่กับการที่ผู้เสียหายยินยอมให้ความร่ว"
                                        "มมือ ในการสอบสวน (หลักการที่แนะนำของ OHCHR หลักการข้อ 8) "
                                        "การกดดันให้คนที่กำลังหวาดกลัวต้องเป็นพยานแลกกับความช่วยเหลือ "
                                        "มักทำให้เขาถอนตัวโดยสิ้นเชิง"
                                    ),
                                },
                                {
                                    "type": "text",
                                    "html": (
                                        "<h3>เด็ก</h3>"
                                        "<ul><li>หากไม่แน่ใจเรื่องอายุ และมีเหตุให้เชื่อว่าบุคคลนั้นอายุต่ำกว่า 18 "
                                        "ปี ให้ปฏิบัติต่อบุคคลนั้นในฐานะเด็กจนกว่าจะพิสูจน์อายุได้</li>"
                                        "<li>ติดต่อหน่วยงานคุ้มครองเด็กหรือหน่วยงานด้านสวัสดิการสังคมทันที "
                                        "ไม่ควรควบคุมเด็กไว้ในห้องขัง "
                                        "หรือปล่อยให้เด็กอยู่ตามลำพังกับเจ้าหน้าที่ด่านเป็นเวลานาน</li>"
                                        '<li>อย่ามอบตัวเด็กให้ญาติหรือ "ผู้ปกครอง" '
                                        "โดยไม่ตรวจสอบก่อนว่าบุคคลนั้นไม่ได้มีส่วนในการแสวงประโยชน์</li>"
                                        "<li>ประโยชน์สูงสุดของเด็กต้องเป็นข้อพิจารณาลำดับแรกในทุกการตัดสินใจ "
                                        "(อนุสัญญาว่าด้วยสิทธิเด็ก ข้อ 3)</li></ul>"
                                    ),
                                },
                                {
                                    "type": "check",
                                    "question": (
                                        "หญิงคนหนึ่งถูกพบขณะขนหนังสือเดินทางปลอมให้เครือข่ายค้ามนุษย์ "
                                        "เธอบอกว่าถูกบังคับให้ทำเพื่อใช้หนี้ "
                                        "หลักการไม่ลงโทษผู้เสียหายมีความหมายอย่างไรในขั้นตอนนี้"
                                    ),
                                    "options": [
                                        {
                                            "text": "ตั้งข้อหาปลอมแปลงเอกสารก่อน แล้วจึงคัดกรองภายหลัง",
                                            "correct": False,
                                            "feedback": (
                                                "การตั้งข้อหาก่อนเสี่ยงต่อการลงโทษผู้เสียหาย "
                                                "สำหรับการกระทำที่เป็นผลโดยตรงจากการถูกค้ามนุษย์"
                                            ),
                                        },
                                        {
                                            "text": (
                                                "คัดกรองเธอในฐานะผู้ที่อาจเป็นผู้เสียหาย "
                                                "และหลีกเลี่ยงการลงโทษสำหรับการกระทำที่เป็นผลโดยตรงจากการถู"
                                                "กค้ามนุษย์"
                                            ),
                                            "correct": True,
                                            "feedback": (
                                                "ถูกต้อง คัดกรองก่อนและประสานหน่วยงานปราบปรามการค้ามนุษย์ "
                                                "จากนั้นจึงประเมินความเชื่อมโยงระหว่างความผิดกับการค้ามนุษย์"
                                            ),
                                        },
                                        {
                                            "text": "ปล่อยตัวเธอทันทีโดยไม่ดำเนินการใดต่อ",
                                            "correct": False,
                                            "feedback": (
                                                "เธอยังต้องได้รับการคุ้มครองและการส่งต่อ "
                                                "และข้อมูลของเธออาจสำคัญมากต่อการสอบสวน"
                                            ),
                                        },
                                        {
                                            "text": "ส่งเธอกลับประเทศต้นทางทันทีเพื่อความปลอดภัย",
                                            "correct": False,
                                            "feedback": (
                                                "การส่งกลับโดยไม่ประเมินความเสี่ยงอาจทำให้เธอกลับไปอยู่ในมือขอ"
                                                "งเครือข่ายอีกครั้ง"
                                            ),
                                        },
                                    ],
                                    "explanation": (
                                        "หลักการไม่ลงโทษผู้เสียหายไม่ได้หมายถึงการไม่ทำอะไรเลย "
                                        "แต่หมายถึงการปฏิบัติต่อบุคคลนั้นในฐานะผู้ที่อาจเป็นผู้เสียหายเป็นอันดับแรก"
                                    ),
                                },
                            ],
                        },
                        {
                            "slug": "referral-and-records",
                            "title": "การส่งต่อและการบันทึกข้อมูล",
                            "summary": "วิธีส่งต่อผู้ที่อาจเป็นผู้เสียหายเข้าสู่กลไกการส่งต่อระดับชาติ และสิ่งที่ต้องบันทึก",
                            "minutes": 14,
                            "body": [
                                {
                                    "type": "text",
                                    "html": (
                                        "<h2>ท่านเป็นข้อต่อหนึ่งในห่วงโซ่</h2>"
                                        "<p>เจ้าหน้าที่ด่านหน้าทำหน้าที่ระบุตัวผู้ที่อาจเป็นผู้เสียหาย "
                                        "แต่โดยทั่วไปไม่ได้เป็นผู้ตัดสินสถานะผู้เสียหายอย่างเป็นทางการ "
                                        "ในประเทศสมาชิกอาเซียนส่วนใหญ่ "
                                        "การตัดสินดังกล่าวเป็นของเจ้าหน้าที่ที่ได้รับมอบหมาย หรือทีมสหวิชาชีพ "
                                        "(ตำรวจ นักสังคมสงเคราะห์ พนักงานตรวจแรงงาน "
                                        "เจ้าหน้าที่ตรวจคนเข้าเมือง และบางครั้งองค์กรพัฒนาเอกชน) "
                                        "ภายใต้กลไกการส่งต่อระดับชาติ (National Referral Mechanism: "
                                        "NRM) หรือระเบียบปฏิบัติมาตรฐาน "
                                        "ท่านควรรู้ว่าผู้ประสานงานของท่านคือใครก่อนที่จะต้องใช้</p>"
                                    ),
                                },
                                {
                                    "type": "image",
                                    "file": "tip-referral.png",
                                    "alt": (
                                        "แผนภาพขั้นตอนหกขั้น ได้แก่ ระบุตัว (Identify) คุ้มครอง (Protect) "
                                        "แจ้งข้อมูล (Inform) ส่งต่อ (Refer) บันทึก (Record) และติดตามผล "
                                        "(Follow up)"
                                    ),
                                    "caption": (
                                        "เส้นทางการส่งต่อที่ด่านชายแดน ตั้งแต่เริ่มสงสัยจนถึงการให้ความช่วยเหลือ"
                                    ),
                                },
                                {
                                    "type": "text",
                                    "html": (
                                        "<h3>ขั้นตอนที่ด่านของท่าน</h3>"
                                        "<ol><li><b>ระบุตัว:</b> "
                                        "บันทึกข้อบ่งชี้ที่ทำให้ท่านมีเหตุอันควรสงสัยว่าเป็นการค้ามนุษย์</li>"
                                        "<li><b>คุ้มครอง:</b> แยกบุคคลนั้นออกจากผู้ต้องสงสัยว่าเป็นผู้ค้ามนุษย์ "
                                        "และดูแลความจำเป็นเร่งด่วน</li>"
                                        "<li><b>แจ้งข้อมูล:</b> "
                                        "อธิบายเป็นภาษาที่บุคคลนั้นเข้าใจว่าจะเกิดอะไรขึ้นต่อไป "
                                        "และมีความช่วยเหลืออะไรบ้าง</li>"
                                        "<li><b>ส่งต่อ:</b> ติดต่อผู้ประสานงานด้านการต่อต้านการค้ามนุษย์ "
                                        "และกรณีเด็กให้ติดต่อหน่วยงานคุ้มครองเด็ก "
                                        "ส่งมอบตัวด้วยตนเองเมื่อทำได้</li>"
                                        "<li><b>บันทึก:</b> กรอกแบบฟอร์มการส่งต่อและบันทึกของท่าน "
                                        "ส่งมอบเอกสารและพยานหลักฐานพร้อมบันทึกเป็นลายลักษณ์อักษร</li>"
                                        "<li><b>ติดตามผล:</b> "
                                        "ยืนยันว่าหน่วยงานผู้รับได้รับเรื่องไปดำเนินการแล้ว</li></ol>"
                                        "<h3>สิ่งที่ต้องบันทึก</h3>"
                                        "<ul><li>วัน เวลา และสถานที่ที่พบ เจ้าหน้าที่ที่อยู่ในเหตุการณ์ "
                                        "และล่ามที่ใช้</li>"
                                        "<li>ข้อบ่งชี้ที่พบ และถ้อยคำของบุคคลนั้นเอง "
                                        "ให้ใกล้เคียงคำพูดจริงมากที่สุด</li>"
                                        "<li>รายละเอียดของผู้ร่วมเดินทาง นายหน้า ยานพาหนะ หมายเลขโทรศัพท์ "
                                        "ตั๋ว และการชำระเงิน</li>"
                                        "<li>เอกสารที่ยึดไว้ และส่งมอบให้แก่ผู้ใด</li>"
                                        "<li>การดำเนินการที่ได้ทำ และหน่วยงานที่ได้ติดต่อ</li></ul>"
                                        "<p>ข้อมูลเกี่ยวกับผู้เสียหายเป็นข้อมูลอ่อนไหว ให้เปิดเผยเฉพาะแก่หน่วยงาน "
                                        "ที่จำเป็นต้องใช้เพื่อการคุ้มครองหรือการสอบสวน "
                                        "และห้ามเปิดเผยแก่นายจ้างหรือนายหน้า "
                                        "จะเปิดเผยแก่ครอบครัวได้ก็ต่อเมื่อบุคคลนั้นยินยอมและได้ประเมินความเสี่ยงแล้ว"
                                        "</p>"
                                        "<h3>การทำงานข้ามแดน</h3>"
                                        "<p>หลายคดีเกี่ยวข้องกับสองประเทศ บันทึกความเข้าใจระดับทวิภาคี "
                                        "กระบวนการ COMMIT ในอนุภูมิภาคลุ่มแม่น้ำโขง "
                                        "และสำนักงานประสานงานชายแดน (BLO) "
                                        "เป็นช่องทางแลกเปลี่ยนข้อมูลผู้ต้องสงสัยและจัดการส่งกลับอย่างปลอดภัย "
                                        "การส่งกลับอย่างปลอดภัยหมายถึงต้องมีการประเมินความเสี่ยงและมีหน่วยงานรับ"
                                        "ตัวในอีกฝั่ง ไม่ใช่เพียงพาผู้เสียหายไปส่งที่เส้นเขตแดน</p>"
                                    ),
                                },
                                {
                                    "type": "scenario",
                                    "title": "รถตู้ที่ด่านอรัญประเทศ-ปอยเปต",
                                    "situation": (
                                        "<p>ที่ด่านอรัญประเทศ-ปอยเปต ระหว่างประเทศไทยกับกัมพูชา "
                                        "เจ้าหน้าที่ตรวจรถตู้ที่กำลังเข้าประเทศไทย "
                                        "ชายชาวกัมพูชาเก้าคนถือบัตรผ่านแดน และบอกว่าจะไปทำงานที่ไซต์ก่อสร้าง "
                                        "คนขับรถเป็นผู้จัดทำบัตรผ่านแดนให้ และเก็บบัตรทั้งหมดไว้ในซองเอกสาร "
                                        "ชายคนหนึ่งมีรอยฟกช้ำที่แขน และบอกเบา ๆ ว่า คนงานกลุ่มก่อน "
                                        '"ไม่ได้รับอนุญาตให้กลับบ้าน" '
                                        "คนขับบอกเจ้าหน้าที่ว่าทุกคนมาด้วยความสมัครใจ และนายจ้างกำลังรออยู่</p>"
                                    ),
                                    "question": "เจ้าหน้าที่ควรดำเนินการอย่างไร และตามลำดับใด",
                                    "discussion": (
                                        "<ol><li>ให้รถจอดเพื่อตรวจขั้นที่สองตามปกติ "
                                        "เพื่อไม่ให้คนขับไหวตัวหรือหลบหนี</li>"
                                        "<li>แยกชายทั้งเก้าคนออกห่างจากคนขับ "
                                        "โดยมีล่ามภาษาเขมรที่ไม่มีความเกี่ยวข้องกับคนขับ</li>"
                                        "<li>สอบถามเรื่องหนี้สิน เอกสาร ค่าจ้าง อิสระในการออกจากงาน "
                                        "และคนงานกลุ่มก่อน บันทึกรอยฟกช้ำและจัดให้ได้รับการรักษาพยาบาล</li>"
                                        "<li>บันทึกตัวตนของคนขับ ยานพาหนะ และรายละเอียดของนายจ้าง "
                                        "และเก็บซองบัตรผ่านแดนไว้เป็นพยานหลักฐาน</li>"
                                        "<li>ติดต่อผู้ประสานงานด้านการต่อต้านการค้ามนุษย์และหน่วยงานด้านแรงงานต"
                                        "ามขั้นตอนระดับชาติ และใช้สำนักงานประสานงานชายแดนแจ้งเจ้าหน้าที่ฝ่ายกัมพู"
                                        "ชา</li>"
                                        "<li>อย่าส่งชายทั้งเก้าคนกลับข้ามแดนเพื่อให้เรื่องจบเร็ว "
                                        "เพราะอาจทำให้พวกเขากลับไปอยู่ในมือของนายหน้ากลุ่มเดิม</li></ol>"
                                    ),
                                },
                                {
                                    "type": "check",
                                    "question": (
                                        "บทบาทหลักของเจ้าหน้าที่ด่านหน้าในกลไกการส่งต่อระดับชาติคืออะไร"
                                    ),
                                    "options": [
                                        {
                                            "text": "ตัดสินสถานะผู้เสียหายขั้นสุดท้าย",
                                            "correct": False,
                                            "feedback": (
                                                "การคัดแยกผู้เสียหายอย่างเป็นทางการมักทำโดยเจ้าหน้าที่ที่ได้รับมอบ"
                                                "หมายหรือทีมสหวิชาชีพ"
                                            ),
                                        },
                                        {
                                            "text": (
                                                "ระบุตัวผู้ที่อาจเป็นผู้เสียหาย คุ้มครอง "
                                                "และส่งต่อให้หน่วยงานที่ได้รับมอบหมาย"
                                            ),
                                            "correct": True,
                                            "feedback": (
                                                "ถูกต้อง การระบุตัวตั้งแต่เนิ่น ๆ การคุ้มครอง "
                                                "และการส่งมอบที่เรียบร้อยคือบทบาทของเจ้าหน้าที่ด่านหน้า"
                                            ),
                                        },
                                        {
                                            "text": "บันทึกปากคำเพื่อใช้เป็นพยานหลักฐานอย่างละเอียด",
                                            "correct": False,
                                            "feedback": (
                                                "การบันทึกปากคำอย่างละเอียดทำในภายหลังโดยพนักงานสอบสวนที่ได้"
                                                "รับการฝึกอบรม หลังจากบุคคลนั้นปลอดภัยและได้พักฟื้นแล้ว"
                                            ),
                                        },
                                        {
                                            "text": "จัดการส่งผู้เสียหายกลับบ้าน",
                                            "correct": False,
                                            "feedback": (
                                                "การส่งกลับจัดโดยหน่วยงานเฉพาะทางหลังการประเมินความเสี่ยง"
                                            ),
                                        },
                                    ],
                                    "explanation": (
                                        "ระบุตัว คุ้มครอง ส่งต่อ และบันทึก: "
                                        "ขั้นตอนที่เหลือทั้งหมดขึ้นอยู่กับการทำขั้นตอนแรกเหล่านี้ให้ดี"
                                    ),
                                },
                            ],
                        },
                    ],
                    "quiz": {
                        "slug": "protecting-and-referring-quiz",
                        "title": "แบบทดสอบโมดูลที่ 3: การคุ้มครองและส่งต่อผู้เสียหาย",
                        "intro": (
                            "ทดสอบว่าท่านรู้ขั้นตอนการคุ้มครองขั้นแรก และวิธีส่งต่อผู้ที่อาจเป็นผู้เสียหาย "
                            "ต้องได้คะแนนร้อยละ 70 จึงจะผ่าน"
                        ),
                        "pass_mark": 70,
                    },
                },
            ],
        },
    },
}
