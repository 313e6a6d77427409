"""Demo course HRB-101: human rights in border management.

For immigration, police, customs and military officers who control land, air and sea borders in
Southeast Asia. It draws on public sources: the OHCHR Recommended Principles and Guidelines on
Human Rights at International Borders (2014); the 1951 Convention relating to the Status of
Refugees (Articles 31 and 33); the Convention against Torture (Article 3); the International
Covenant on Civil and Political Rights; the Convention on the Rights of the Child and Committee
general comments No. 6 (2005) and joint general comment No. 4/23 (2017); the ASEAN Human Rights
Declaration (2012); UNHCR's 10-Point Plan of Action (2007, updated 2016) and Detention Guidelines
(2012); the UN Code of Conduct for Law Enforcement Officials (1979) and Basic Principles on the
Use of Force and Firearms (1990); and the Nelson Mandela Rules and Bangkok Rules on searches.
Scenarios are invented teaching cases set at real crossings.
"""

COURSE = {
    "code": "HRB-101",
    "slug": "hrb-101",
    "topic": "human_rights",
    "estimated_hours": 3.5,
    "cover_image": "hrb-cover.png",
    "translations": {
        "en": {
            "title": "Human rights in border management",
            "summary": (
                "A practical course on the human rights standards that apply to border control: "
                "non-refoulement, protection-sensitive screening of asylum seekers and children, "
                "gender-sensitive practice, use of force, detention safeguards and dignity in "
                "searches."
            ),
            "outcomes": [
                (
                    "Explain why international borders are not zones of exception for human rights "
                    "obligations."
                ),
                (
                    "Apply the principle of non-refoulement and recognise when a person expresses "
                    "fear of return."
                ),
                "Carry out protection-sensitive screening and refer people to the right procedure.",
                "Apply the safeguards for children and gender-sensitive screening practice.",
                (
                    "Use force only in line with the principles of legality, necessity, "
                    "proportionality and accountability."
                ),
                "Hold and search people lawfully, safely and with dignity.",
            ],
            "modules": [
                {
                    "slug": "rights-and-non-refoulement",
                    "title": "Human rights and non-refoulement at the border",
                    "summary": (
                        "Why borders are not rights-free zones, and the rule that no one may be "
                        "sent back to serious harm."
                    ),
                    "lessons": [
                        {
                            "slug": "rights-at-the-border",
                            "title": "Borders are not rights-free zones",
                            "summary": (
                                "How State control of borders fits with the human rights of "
                                "everyone who crosses them."
                            ),
                            "minutes": 12,
                            "body": [
                                {
                                    "type": "text",
                                    "html": (
                                        "<h2>Sovereignty and obligations</h2>"
                                        "<p>Every State has the right to decide who may enter its "
                                        "territory, and border officers carry out that decision. "
                                        "The State must also respect its human rights obligations "
                                        "while doing so. The OHCHR Recommended Principles and "
                                        "Guidelines on Human Rights at International Borders "
                                        "(2014) state that international borders are not zones of "
                                        "exclusion or exception for human rights obligations. "
                                        "Tourists, migrant workers, refugees and people without "
                                        "documents all have human rights, whatever their "
                                        "immigration status.</p>"
                                        "<p>The Principles and Guidelines rest on three "
                                        "principles:</p>"
                                        "<ul><li><b>Primacy of human rights:</b> human rights are "
                                        "at the centre of all border governance measures, "
                                        "including measures against irregular migration and "
                                        "crime.</li>"
                                        "<li><b>Non-discrimination:</b> no one may be profiled or "
                                        "treated differently because of race, ethnicity, religion, "
                                        "sex, nationality or similar grounds.</li>"
                                        "<li><b>Assistance and protection from harm:</b> officers "
                                        "consider each person's individual circumstances, and the "
                                        "best interests of the child are a primary consideration "
                                        "for every child.</li></ul>"
                                        "<p>Ten practical guidelines follow, covering among other "
                                        "things rescue and interception, immediate assistance, "
                                        "screening and interviewing, identification and referral, "
                                        "avoiding detention, and human rights-based return.</p>"
                                    ),
                                },
                                {
                                    "type": "text",
                                    "html": (
                                        "<h3>The law behind the principles</h3>"
                                        "<ul><li>The International Covenant on Civil and Political "
                                        "Rights (ICCPR): the right to life (Article 6), freedom "
                                        "from torture and ill-treatment (Article 7), liberty "
                                        "(Article 9), humane treatment in detention (Article 10), "
                                        "the right to leave any country (Article 12), privacy "
                                        "(Article 17) and equality before the law (Article "
                                        "26).</li>"
                                        "<li>The Convention against Torture, including the ban on "
                                        "returning anyone to torture (Article 3).</li>"
                                        "<li>The Convention on the Rights of the Child and the "
                                        "Convention on the Elimination of All Forms of "
                                        "Discrimination against Women, both ratified by every "
                                        "ASEAN Member State.</li>"
                                        "<li>The 1951 Refugee Convention and its 1967 Protocol. "
                                        "Cambodia and the Philippines are parties; most other "
                                        "ASEAN Member States are not, but the rule against sending "
                                        "people back to danger binds them through other treaties "
                                        "and customary international law.</li>"
                                        "<li>The ASEAN Human Rights Declaration (2012), Article 16 "
                                        "of which recognises the right to seek and receive asylum "
                                        "in accordance with the laws of the State and applicable "
                                        "international agreements.</li></ul>"
                                    ),
                                },
                                {
                                    "type": "callout",
                                    "title": "Rights do not depend on documents",
                                    "text": (
                                        "A person without a passport or visa may have no right to "
                                        "enter, but has not lost their human rights. Irregular "
                                        "entry may be an offence under your law. It never "
                                        "justifies ill-treatment, denial of urgent medical care or "
                                        "return to danger."
                                    ),
                                },
                                {
                                    "type": "check",
                                    "question": (
                                        "Which statement reflects the OHCHR Recommended Principles "
                                        "and Guidelines on Human Rights at International Borders?"
                                    ),
                                    "options": [
                                        {
                                            "text": (
                                                "Human rights apply only once a person has been "
                                                "formally admitted."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "Human rights apply wherever the State exercises "
                                                "jurisdiction, including at the border line, in "
                                                "transit areas and at sea."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "States may control their borders, but must "
                                                "respect the human rights of everyone, whatever "
                                                "their status."
                                            ),
                                            "correct": True,
                                            "feedback": (
                                                "Correct. Border control and human rights go "
                                                "together: borders are not zones of exception."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "People who enter irregularly lose the protection "
                                                "of human rights law."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "Irregular entry can have legal consequences, but "
                                                "it does not remove a person's human rights."
                                            ),
                                        },
                                        {
                                            "text": "Only citizens have rights at the border.",
                                            "correct": False,
                                            "feedback": (
                                                "Most human rights belong to everyone, not just to "
                                                "citizens."
                                            ),
                                        },
                                    ],
                                    "explanation": (
                                        "Sovereignty gives the State the right to control its "
                                        "borders. Human rights law governs how that control is "
                                        "exercised."
                                    ),
                                },
                            ],
                        },
                        {
                            "slug": "non-refoulement",
                            "title": "Non-refoulement",
                            "summary": (
                                "The rule against returning anyone to persecution, torture or "
                                "other serious harm, and what it requires of the officer at the "
                                "counter."
                            ),
                            "minutes": 14,
                            "body": [
                                {
                                    "type": "text",
                                    "html": (
                                        "<h2>The principle</h2>"
                                        "<p>Non-refoulement forbids sending anyone to a place "
                                        "where they would face a real risk of persecution, "
                                        "torture, cruel, inhuman or degrading treatment, or other "
                                        "serious harm such as arbitrary deprivation of life. It is "
                                        "found in several bodies of law:</p>"
                                        "<ul><li><b>1951 Refugee Convention, Article 33(1):</b> no "
                                        "return of a refugee to territories where their life or "
                                        "freedom would be threatened because of race, religion, "
                                        "nationality, membership of a particular social group or "
                                        "political opinion.</li>"
                                        "<li><b>Convention against Torture, Article 3:</b> no "
                                        "return where there are substantial grounds for believing "
                                        "the person would be in danger of torture. This "
                                        "prohibition is absolute.</li>"
                                        "<li><b>ICCPR, Articles 6 and 7:</b> no removal where "
                                        "there is a real risk of irreparable harm.</li>"
                                        "<li><b>Customary international law:</b> binding on all "
                                        "States, whether or not they are party to the Refugee "
                                        "Convention.</li></ul>"
                                        "<p>National law may also contain the rule. For example, "
                                        "Thailand's Prevention and Suppression of Torture and "
                                        "Enforced Disappearance Act of 2022 prohibits returning a "
                                        "person to a State where there are substantial grounds to "
                                        "believe they would be in danger of torture or enforced "
                                        "disappearance.</p>"
                                        "<h3>Where it applies</h3>"
                                        "<p>The principle applies wherever the State exercises "
                                        "jurisdiction: at the border line, in the airport transit "
                                        "area, and at sea when a patrol intercepts a boat, not "
                                        "only after formal entry. Rejection at the frontier, "
                                        "pushing boats back out to sea and informal hand-overs to "
                                        "the other side can all amount to refoulement. So can "
                                        "sending someone to a third country that will send them on "
                                        "to danger.</p>"
                                        "<h3>What it means for you</h3>"
                                        "<ul><li>You do not decide whether someone is a refugee. "
                                        "You make sure that anyone who expresses fear of return, "
                                        "or who appears to be at risk, is not returned before the "
                                        "competent authority has assessed their case.</li>"
                                        '<li>A person does not have to say "asylum". Words such '
                                        'as "I can\'t go back" or "they will kill me" are '
                                        "enough to trigger referral.</li>"
                                        "<li>Record what the person said, in their own words, and "
                                        "refer under your national procedure to the screening or "
                                        "asylum authority or, where your State works with it, to "
                                        "UNHCR.</li></ul>"
                                    ),
                                },
                                {
                                    "type": "callout",
                                    "title": "No exceptions for torture",
                                    "text": (
                                        "The ban on returning anyone to torture (Convention "
                                        "against Torture, Article 3) is absolute. It applies even "
                                        "to people suspected of crimes or seen as a security risk."
                                    ),
                                },
                                {
                                    "type": "scenario",
                                    "title": "A transit passenger at Suvarnabhumi",
                                    "situation": (
                                        "<p>At Suvarnabhumi Airport, Bangkok, a woman in transit "
                                        "to a third country is refused boarding because her onward "
                                        "visa appears invalid. The airline plans to fly her back "
                                        "to her country of nationality on the next flight. She "
                                        "tells the immigration officer in broken English that her "
                                        "husband was arrested after a protest and that she will be "
                                        "jailed if she returns. She has no papers to prove it.</p>"
                                    ),
                                    "question": "What should the officer do?",
                                    "discussion": (
                                        "<p>The transit area is within the State's jurisdiction, "
                                        "so non-refoulement applies there. She has clearly "
                                        "expressed fear of return, and proof is not required at "
                                        "this stage.</p>"
                                        "<ul><li>Stop the return and inform the supervisor at "
                                        "once.</li>"
                                        "<li>Record her statements in her own words, with an "
                                        "interpreter.</li>"
                                        "<li>Refer her under the national procedure to the "
                                        "competent screening or asylum authority, or to UNHCR "
                                        "where that is the agreed practice.</li>"
                                        "<li>Do not contact her embassy without her consent, and "
                                        "make sure she has food, water and a safe place to "
                                        "wait.</li></ul>"
                                    ),
                                },
                                {
                                    "type": "check",
                                    "question": (
                                        'At a land crossing, a man being refused entry says: "If '
                                        'I go back, the soldiers will kill me." He does not use '
                                        'the word "asylum". What should you do?'
                                    ),
                                    "options": [
                                        {
                                            "text": (
                                                "Return him, because he has not made a formal "
                                                "asylum claim."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "No formal words are needed. An expressed fear of "
                                                "serious harm triggers protection."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "Stop the return, record his words and refer him "
                                                "to the competent authority."
                                            ),
                                            "correct": True,
                                            "feedback": (
                                                "Correct. You do not decide his claim, but you "
                                                "must not return him before it is assessed."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "Ask him to provide written proof before you take "
                                                "any action."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "People fleeing danger rarely carry proof. "
                                                "Assessment is for the competent authority."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "Call his country's embassy to check his story."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "Contacting the authorities he fears could put him "
                                                "and his family at risk."
                                            ),
                                        },
                                    ],
                                    "explanation": (
                                        "Listen for fear of return in any words, stop removal and "
                                        "refer."
                                    ),
                                },
                            ],
                        },
                    ],
                    "quiz": {
                        "slug": "rights-and-non-refoulement-quiz",
                        "title": "Module 1 quiz: human rights and non-refoulement",
                        "intro": (
                            "Check your understanding of human rights at the border and of "
                            "non-refoulement. You need 70% to pass."
                        ),
                        "pass_mark": 70,
                    },
                },
                {
                    "slug": "protection-sensitive-screening",
                    "title": "Protection-sensitive screening",
                    "summary": (
                        "How to identify people with protection needs in mixed movements, with "
                        "particular attention to children and to gender."
                    ),
                    "lessons": [
                        {
                            "slug": "screening-steps",
                            "title": "Screening steps at the border",
                            "summary": (
                                "A four-step approach to receiving, informing, screening and "
                                "referring people in mixed movements."
                            ),
                            "minutes": 14,
                            "body": [
                                {
                                    "type": "text",
                                    "html": (
                                        "<h2>Why screen?</h2>"
                                        "<p>People travel along the same routes for different "
                                        "reasons: to work, to join family, or to escape "
                                        "persecution and violence. In one boat or one truck there "
                                        "may be refugees, victims of trafficking, unaccompanied "
                                        "children, people who need medical care and people with no "
                                        "protection needs at all. UNHCR's 10-Point Plan of Action "
                                        "on Refugee Protection and Mixed Movements (2007, updated "
                                        "2016) and Guideline 6 of the OHCHR Principles and "
                                        "Guidelines call for protection-sensitive entry systems "
                                        "that identify these needs early and send each person to "
                                        "the right procedure.</p>"
                                    ),
                                },
                                {
                                    "type": "image",
                                    "file": "hrb-screening-steps.png",
                                    "alt": (
                                        "Flow diagram: receive, inform, screen and refer, with "
                                        "referral routes to the asylum authority or UNHCR, child "
                                        "protection, the anti-trafficking unit, health and social "
                                        "services, the authority dealing with statelessness, and "
                                        "regular immigration procedures."
                                    ),
                                    "caption": (
                                        "Protection-sensitive screening: identify needs first, "
                                        "then refer."
                                    ),
                                },
                                {
                                    "type": "text",
                                    "html": (
                                        "<h3>The four steps</h3>"
                                        "<ol><li><b>Receive.</b> Meet immediate needs: water, "
                                        "food, first aid, shelter and safety. Look out for people "
                                        "who are visibly vulnerable, such as children, pregnant "
                                        "women, older people, the injured and people with "
                                        "disabilities.</li>"
                                        "<li><b>Inform.</b> Explain in a language people "
                                        "understand where they are, what will happen, and that "
                                        "they can tell you if they fear return. Use interpreters "
                                        "and printed information in the main languages of the "
                                        "route.</li>"
                                        "<li><b>Screen.</b> Hold a short individual interview: "
                                        "identity, nationality, reasons for leaving, fear of "
                                        "return, family members, age, health, and any indicators "
                                        "of trafficking.</li>"
                                        "<li><b>Refer.</b> Hand over to the competent authority: "
                                        "asylum or UNHCR, child protection, anti-trafficking, "
                                        "health services, or regular immigration procedures. "
                                        "Record the referral and the reasons.</li></ol>"
                                        "<h3>Good interviewing practice</h3>"
                                        "<ul><li>Interview people individually and in private, not "
                                        "in front of the group or a smuggler.</li>"
                                        "<li>Use a trained interpreter. Check that the person "
                                        "understands the interpreter.</li>"
                                        "<li>Explain that what they say is confidential and will "
                                        "not be shared with the authorities of their country.</li>"
                                        "<li>Ask only what you need to refer them. Do not press "
                                        "for details of traumatic events.</li>"
                                        "<li>Write down key statements in the person's own words, "
                                        "and do not judge credibility at this stage.</li></ul>"
                                    ),
                                },
                                {
                                    "type": "callout",
                                    "title": "Screening is not status determination",
                                    "text": (
                                        "Your job is to identify needs and refer. Whether someone "
                                        "is a refugee, a victim of trafficking or a stateless "
                                        "person is decided by the competent authority after a full "
                                        'procedure. A quick "no" at the border can send someone '
                                        "back to danger."
                                    ),
                                },
                                {
                                    "type": "check",
                                    "question": (
                                        "What is the main purpose of the screening interview at "
                                        "the border?"
                                    ),
                                    "options": [
                                        {
                                            "text": "To decide whether the person is a refugee",
                                            "correct": False,
                                            "feedback": (
                                                "Refugee status is decided later by the competent "
                                                "authority in a full procedure."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "To identify needs and risks and refer the person "
                                                "to the right procedure"
                                            ),
                                            "correct": True,
                                            "feedback": (
                                                "Correct. Screening sorts and refers. It does not "
                                                "decide claims."
                                            ),
                                        },
                                        {
                                            "text": "To collect evidence against the smugglers",
                                            "correct": False,
                                            "feedback": (
                                                "Information about smugglers may come up and can "
                                                "be passed on, but that is not the purpose of "
                                                "screening."
                                            ),
                                        },
                                        {
                                            "text": "To check whether the person's story is true",
                                            "correct": False,
                                            "feedback": (
                                                "Credibility is assessed later, by trained "
                                                "decision-makers."
                                            ),
                                        },
                                    ],
                                    "explanation": (
                                        "Receive, inform, screen and refer: each step protects the "
                                        "person and helps the State apply the right procedure."
                                    ),
                                },
                            ],
                        },
                        {
                            "slug": "children-and-gender",
                            "title": "Children and gender-sensitive screening",
                            "summary": (
                                "The extra safeguards for children, and how gender affects risks, "
                                "needs and the way officers should screen."
                            ),
                            "minutes": 14,
                            "body": [
                                {
                                    "type": "text",
                                    "html": (
                                        "<h2>Children</h2>"
                                        "<ul><li>In every decision about a child, the best "
                                        "interests of the child are a primary consideration "
                                        "(Convention on the Rights of the Child, Article 3).</li>"
                                        "<li><b>Unaccompanied children</b> are separated from both "
                                        "parents and other relatives and are not cared for by any "
                                        "responsible adult. <b>Separated children</b> are "
                                        "separated from their parents or usual caregiver but may "
                                        "be with other relatives (CRC general comment No. 6, "
                                        "2005). Both must be registered and referred to child "
                                        "protection so that a guardian can be appointed.</li>"
                                        "<li>If age is in doubt, give the benefit of the doubt and "
                                        "treat the person as a child until age has been assessed "
                                        "by a competent, multidisciplinary process. No single "
                                        "medical test is reliable on its own.</li>"
                                        "<li>Children should not be detained because of their own "
                                        "or their parents' migration status (joint general comment "
                                        "No. 4 of the Committee on Migrant Workers and No. 23 of "
                                        "the Committee on the Rights of the Child, 2017). Keep "
                                        "families together unless separation is in the child's "
                                        "best interests.</li>"
                                        "<li>Speak to children simply and kindly, and keep "
                                        "sessions short.</li>"
                                        "<li>An adult travelling with a child may not be a parent. "
                                        "Check relationships discreetly: some children are being "
                                        "trafficked.</li></ul>"
                                        "<h2>Gender-sensitive screening</h2>"
                                        "<ul><li>Women and girls on the move face particular "
                                        "risks: sexual and gender-based violence, trafficking for "
                                        "sexual exploitation, and pregnancy-related health "
                                        "needs.</li>"
                                        "<li>Offer a same-sex officer and interpreter. Where it is "
                                        "safe, interview a woman separately from male relatives: "
                                        "she may have her own protection needs that she will not "
                                        "mention in front of them.</li>"
                                        "<li>Men and boys also suffer sexual violence and often "
                                        "find it harder to disclose.</li>"
                                        "<li>Lesbian, gay, bisexual, transgender and intersex "
                                        "people may face persecution at home and abuse on the "
                                        "journey. Their documents may not match their appearance. "
                                        "Never mock, and ask which officer they prefer for any "
                                        "search.</li>"
                                        "<li>Refer survivors of violence to medical and "
                                        "psychosocial care. UNHCR's Guidelines on gender-related "
                                        "persecution (2002) explain why such violence can found a "
                                        "refugee claim.</li></ul>"
                                    ),
                                },
                                {
                                    "type": "callout",
                                    "title": "Small things, big effect",
                                    "text": (
                                        "A private room, a same-sex officer and a trained "
                                        "interpreter often make the difference between a survivor "
                                        "who speaks and one who stays silent."
                                    ),
                                },
                                {
                                    "type": "scenario",
                                    "title": "A boy alone at Mae Sot",
                                    "situation": (
                                        "<p>At the Thai-Myanmar Friendship Bridge at Mae Sot, a "
                                        "boy who says he is 15 arrives with a group of adults from "
                                        "his area. He has no documents. A man in the group says he "
                                        "is the boy's uncle and will take him to work in a garage "
                                        "in Bangkok. When the boy is spoken to alone, he says he "
                                        "ran away because soldiers came to take boys from his "
                                        "village.</p>"
                                    ),
                                    "question": "What should the officer do?",
                                    "discussion": (
                                        "<ul><li>Treat him as an unaccompanied or separated child "
                                        "until the facts are established. His best interests come "
                                        "first.</li>"
                                        '<li>Do not hand him to the "uncle" without checking the '
                                        "relationship. An unverified adult taking a child to work "
                                        "is a trafficking indicator.</li>"
                                        "<li>His fear of forced recruitment may give rise to a "
                                        "protection need, so non-refoulement applies. Do not "
                                        "return him.</li>"
                                        "<li>Refer him to the child protection authority and, "
                                        "under the national procedure, to the screening or asylum "
                                        "authority or UNHCR.</li>"
                                        "<li>Do not place him in an immigration cell. Keep him in "
                                        "a safe, supervised place, give him food and rest, and "
                                        "record everything.</li></ul>"
                                    ),
                                },
                                {
                                    "type": "check",
                                    "question": (
                                        "A woman travelling with her husband says almost nothing; "
                                        "he answers every question for her. What is the best "
                                        "practice?"
                                    ),
                                    "options": [
                                        {
                                            "text": (
                                                "Accept the husband's answers for both of them."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "She may have her own protection needs, or may be "
                                                "at risk from him."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "Offer her a separate interview with a female "
                                                "officer, explaining that it is routine."
                                            ),
                                            "correct": True,
                                            "feedback": (
                                                "Correct. A separate, routine-looking interview "
                                                "lets her speak safely without alarming her "
                                                "husband."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "Ask her in front of her husband whether he is "
                                                "mistreating her."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "This could put her in danger and is unlikely to "
                                                "get an honest answer."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "Refuse entry to both until she answers for "
                                                "herself."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "Refusal could return her to danger and does "
                                                "nothing to help her speak."
                                            ),
                                        },
                                    ],
                                    "explanation": (
                                        "Interview adults individually and in private, with a "
                                        "same-sex officer where possible."
                                    ),
                                },
                            ],
                        },
                    ],
                    "quiz": {
                        "slug": "protection-sensitive-screening-quiz",
                        "title": "Module 2 quiz: protection-sensitive screening",
                        "intro": (
                            "Check that you can screen people in mixed movements and apply the "
                            "safeguards for children and gender. You need 70% to pass."
                        ),
                        "pass_mark": 70,
                    },
                },
                {
                    "slug": "force-detention-searches",
                    "title": "Use of force, detention and searches",
                    "summary": (
                        "The standards that govern force and firearms, holding people at the "
                        "border, and searching them with dignity."
                    ),
                    "lessons": [
                        {
                            "slug": "use-of-force",
                            "title": "Use of force and firearms",
                            "summary": (
                                "When force may be used at the border, how much, and what must "
                                "happen afterwards."
                            ),
                            "minutes": 14,
                            "body": [
                                {
                                    "type": "text",
                                    "html": (
                                        "<h2>The standards</h2>"
                                        "<p>Two UN instruments set the standards for every law "
                                        "enforcement officer, including border guards: the Code of "
                                        "Conduct for Law Enforcement Officials (1979) and the "
                                        "Basic Principles on the Use of Force and Firearms by Law "
                                        "Enforcement Officials (1990). Article 3 of the Code says "
                                        "that force may be used only when strictly necessary and "
                                        "to the extent required for the performance of duty. Your "
                                        "national law and your agency's rules apply these "
                                        "standards.</p>"
                                    ),
                                },
                                {
                                    "type": "image",
                                    "file": "hrb-use-of-force.png",
                                    "alt": (
                                        "Six tiles with questions for legality, necessity, "
                                        "proportionality, precaution, non-discrimination and "
                                        "accountability, and a warning that firearms may be used "
                                        "only against an imminent threat of death or serious "
                                        "injury."
                                    ),
                                    "caption": "Six questions to ask before using force.",
                                },
                                {
                                    "type": "text",
                                    "html": (
                                        "<h3>Six principles</h3>"
                                        "<ul><li><b>Legality:</b> the force and its purpose must "
                                        "be allowed by law.</li>"
                                        "<li><b>Necessity:</b> use force only when non-violent "
                                        "means such as instructions, persuasion and warnings have "
                                        "failed or clearly will not work.</li>"
                                        "<li><b>Proportionality:</b> the harm caused must not be "
                                        "out of proportion to the seriousness of the threat or "
                                        "offence.</li>"
                                        "<li><b>Precaution:</b> plan operations to avoid the need "
                                        "for force, and limit injury when it is used.</li>"
                                        "<li><b>Non-discrimination:</b> apply the same standard to "
                                        "everyone.</li>"
                                        "<li><b>Accountability:</b> report every use of force, and "
                                        "accept review.</li></ul>"
                                        "<h3>Firearms</h3>"
                                        "<p>Under Basic Principle 9, firearms may be used only in "
                                        "self-defence or defence of others against an imminent "
                                        "threat of death or serious injury, to prevent a "
                                        "particularly serious crime involving grave threat to "
                                        "life, or to stop a person presenting such a danger, and "
                                        "only when less extreme means are insufficient. "
                                        "Intentional lethal use is allowed only when strictly "
                                        "unavoidable to protect life. Officers must identify "
                                        "themselves and give a clear warning unless this would put "
                                        "people at risk (Principle 10).</p>"
                                        "<p>Firing at people, vehicles or boats simply because "
                                        "they fail to stop, or to deter irregular crossings, does "
                                        'not meet these standards. "Shoot on sight" orders at '
                                        "borders violate the right to life.</p>"
                                        "<h3>After force is used</h3>"
                                        "<ul><li>Give or obtain medical help for anyone injured as "
                                        "soon as possible, and make sure relatives are informed "
                                        "(Principle 5).</li>"
                                        "<li>Report the incident to your superiors for review "
                                        "(Principles 6 and 22).</li>"
                                        "<li>Obeying an order is no defence if the order was "
                                        "manifestly unlawful (Principle 26).</li></ul>"
                                    ),
                                },
                                {
                                    "type": "callout",
                                    "title": "Talk first",
                                    "text": (
                                        "Most incidents at a border can be resolved by "
                                        "communication: clear instructions, a calm voice, an "
                                        "interpreter and an explanation. The Basic Principles ask "
                                        "that officers be trained in persuasion, negotiation and "
                                        "mediation. De-escalation is a professional skill, not a "
                                        "sign of weakness."
                                    ),
                                },
                                {
                                    "type": "check",
                                    "question": (
                                        "A small boat ignores an order to stop at a river crossing "
                                        "and turns back towards the other bank. No one on board "
                                        "has shown a weapon or threatened anyone. May the officers "
                                        "open fire?"
                                    ),
                                    "options": [
                                        {
                                            "text": (
                                                "Yes, because the boat disobeyed a lawful order."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "Disobedience alone is not an imminent threat to "
                                                "life, so firearms may not be used."
                                            ),
                                        },
                                        {
                                            "text": "Yes, but only at the engine.",
                                            "correct": False,
                                            "feedback": (
                                                "Firing at a moving boat endangers everyone on "
                                                "board and is not justified without a threat to "
                                                "life."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "No. There is no imminent threat of death or "
                                                "serious injury, so firearms may not be used."
                                            ),
                                            "correct": True,
                                            "feedback": (
                                                "Correct. Record the details, report, and use "
                                                "other means such as alerting counterparts on the "
                                                "other bank."
                                            ),
                                        },
                                        {
                                            "text": "Only warning shots into the water.",
                                            "correct": False,
                                            "feedback": (
                                                "Warning shots are dangerous and are not a "
                                                "substitute for the threat-to-life test."
                                            ),
                                        },
                                    ],
                                    "explanation": (
                                        "Firearms are a last resort against a threat to life, "
                                        "never a tool to enforce compliance."
                                    ),
                                },
                            ],
                        },
                        {
                            "slug": "detention-and-searches",
                            "title": "Detention safeguards and dignity in searches",
                            "summary": (
                                "The safeguards for anyone held at a border post, and how to "
                                "search people lawfully and with respect."
                            ),
                            "minutes": 14,
                            "body": [
                                {
                                    "type": "text",
                                    "html": (
                                        "<h2>Holding people at the border</h2>"
                                        "<p>Keeping someone in a holding room for a few hours is "
                                        "already a deprivation of liberty. Article 9 of the ICCPR "
                                        "prohibits arbitrary detention: detention must be lawful, "
                                        "necessary, proportionate and as short as possible. For "
                                        "migrants, Guideline 8 of the OHCHR Principles and "
                                        "Guidelines and UNHCR's Detention Guidelines (2012) call "
                                        "for alternatives to be considered first. Refugees should "
                                        "not be penalised for entering irregularly if they present "
                                        "themselves without delay (Refugee Convention, Article "
                                        "31).</p>"
                                    ),
                                },
                                {
                                    "type": "image",
                                    "file": "hrb-detention-safeguards.png",
                                    "alt": (
                                        "Checklist of ten safeguards for people held at a border "
                                        "post, from being told the reasons to review by a court."
                                    ),
                                    "caption": "Safeguards for anyone held at a border post.",
                                },
                                {
                                    "type": "text",
                                    "html": (
                                        "<p>Everyone deprived of liberty must be treated with "
                                        "humanity and respect (ICCPR, Article 10). In practice:</p>"
                                        "<ul><li>Tell people why they are held, in a language they "
                                        "understand, and record the time they were held in the "
                                        "custody register.</li>"
                                        "<li>Allow access to a lawyer and contact with family. "
                                        "Inform the consulate if the person wishes (Vienna "
                                        "Convention on Consular Relations, Article 36), but never "
                                        "against the wishes of someone who fears their own "
                                        "authorities.</li>"
                                        "<li>Provide food, water, toilets, a place to sleep and "
                                        "medical care.</li>"
                                        "<li>Hold women separately from men, and never hold "
                                        "children with unrelated adults.</li></ul>"
                                        "<h2>Searches with dignity</h2>"
                                        "<p>Searches are often necessary, but done badly they "
                                        "humiliate and can amount to degrading treatment. Rules 50 "
                                        "to 52 of the Nelson Mandela Rules and Rules 19 and 20 of "
                                        "the Bangkok Rules set widely used standards:</p>"
                                        "<ul><li>Have a legal basis and a reason. Use the least "
                                        "intrusive method first: questions, scanners, bag checks "
                                        "and a pat-down before any strip search.</li>"
                                        "<li>Explain what you will do and why, and ask for "
                                        "cooperation.</li>"
                                        "<li>Searches of the body are carried out by an officer of "
                                        "the same gender, in private, out of sight of others and "
                                        "of cameras.</li>"
                                        "<li>Strip searches only when absolutely necessary, and "
                                        "done in two stages so that the person is never fully "
                                        "undressed.</li>"
                                        "<li>Body cavity searches only where the law allows, and "
                                        "only by a qualified health professional.</li>"
                                        "<li>Record every search: who, when, why and what was "
                                        "found.</li></ul>"
                                    ),
                                },
                                {
                                    "type": "scenario",
                                    "title": "A family at the Sadao crossing",
                                    "situation": (
                                        "<p>Late at night, a family of four arrives at the Sadao "
                                        "crossing on the Thai-Malaysian border. The father's "
                                        "passport appears to be forged. The parents say they are "
                                        "Rohingya and are afraid of being sent to Myanmar. The "
                                        "children are six and twelve. The post's only holding room "
                                        "already holds six men arrested for smuggling, and the "
                                        "shift supervisor suggests putting the family in there "
                                        "until morning.</p>"
                                    ),
                                    "question": (
                                        "What safeguards apply, and what should the officers do "
                                        "instead?"
                                    ),
                                    "discussion": (
                                        "<ul><li>Do not put the mother and children in a room with "
                                        "unrelated adult male detainees. Use a supervised waiting "
                                        "area and keep the family together.</li>"
                                        "<li>Record the time, explain the situation through an "
                                        "interpreter, and provide food, water and any medical care "
                                        "needed.</li>"
                                        "<li>The family has expressed fear of return, so "
                                        "non-refoulement applies. Refer them under the national "
                                        "procedure to the screening or asylum authority or "
                                        "UNHCR.</li>"
                                        "<li>Do not contact the Myanmar authorities: consular "
                                        "contact is at the family's request only, and here it "
                                        "could put them in danger.</li>"
                                        "<li>If a search of the mother is necessary, a female "
                                        "officer carries it out in private. The children should "
                                        "not be strip-searched.</li></ul>"
                                    ),
                                },
                                {
                                    "type": "check",
                                    "question": (
                                        "There are reasonable grounds to strip-search a woman "
                                        "suspected of carrying drugs under her clothes. Which "
                                        "approach is correct?"
                                    ),
                                    "options": [
                                        {
                                            "text": (
                                                "Any available officer searches her immediately in "
                                                "the inspection hall to save time."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "A public search by any officer violates her "
                                                "dignity and the same-gender rule."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "A female officer searches her in a private room, "
                                                "after less intrusive methods, in two stages, and "
                                                "records the search."
                                            ),
                                            "correct": True,
                                            "feedback": (
                                                "Correct. This follows the same-gender, privacy, "
                                                "necessity and record-keeping standards."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "A male officer searches her with a female "
                                                "colleague watching."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "Searches of the body must be carried out by an "
                                                "officer of the same gender."
                                            ),
                                        },
                                        {
                                            "text": (
                                                "Officers carry out a body cavity search to be "
                                                "thorough."
                                            ),
                                            "correct": False,
                                            "feedback": (
                                                "Cavity searches are only done where the law "
                                                "allows and only by a qualified health "
                                                "professional."
                                            ),
                                        },
                                    ],
                                    "explanation": (
                                        "Necessity, the least intrusive method, the same gender, "
                                        "privacy and a written record make a search lawful and "
                                        "dignified."
                                    ),
                                },
                            ],
                        },
                    ],
                    "quiz": {
                        "slug": "force-detention-searches-quiz",
                        "title": "Module 3 quiz: force, detention and searches",
                        "intro": (
                            "Check that you can apply the standards on use of force, detention and "
                            "searches. You need 70% to pass."
                        ),
                        "pass_mark": 70,
                    },
                },
            ],
        },
    },
}
