"""Demo quiz questions for the three demo courses: pure data that the demo loader reads.

``QUIZZES`` maps a course code to the questions of each module's quiz, keyed by the module slug
used in the course file (``tip.py``, ``wildlife.py``, ``human_rights.py``) and then by language.
TIP-101 also has a question bank category, in English and Thai, from which its pre-test and
post-test each draw ``draw`` questions. The Thai lists mirror the English ones question by
question: same types, same order and same correct answers.

Each question is a dict with a ``type`` (single, multiple, true_false, matching, ordering, numeric
or short_text), a ``stem`` (plain text, or ``<p>``, ``<b>`` and ``<i>`` only), ``points``, the
answer data for its type and an ``explanation``; ``demodata.services.question_value`` turns it into
a question block. Matching pairs are listed as ``[left, right]`` and ordering items in the correct
order. Every question is answerable from the course's own lessons.
"""

QUIZZES = {
    "TIP-101": {
        "modules": {
            "understanding-trafficking": {
                "en": [
                    {
                        "type": "single",
                        "stem": (
                            "Under Article 3 of the Palermo Protocol, which three elements must "
                            "all be present for trafficking in persons when the victim is an adult?"
                        ),
                        "points": 1,
                        "options": [
                            {
                                "text": "Act, means and purpose",
                                "correct": True,
                                "feedback": (
                                    "Correct. For an adult victim, the act, the means and the "
                                    "purpose of exploitation must all be present."
                                ),
                            },
                            {
                                "text": (
                                    "Illegal border crossing, payment of a fee and exploitation"
                                ),
                                "correct": False,
                                "feedback": (
                                    "Trafficking does not require crossing a border, and paying a "
                                    "fee is not an element of the definition."
                                ),
                            },
                            {
                                "text": "Recruitment, forged documents and illegal entry",
                                "correct": False,
                                "feedback": (
                                    "Recruitment is one form of the act, but forged documents and "
                                    "illegal entry are not elements. Many victims travel legally."
                                ),
                            },
                            {
                                "text": (
                                    "Force, lack of consent and exploitation that has already "
                                    "happened"
                                ),
                                "correct": False,
                                "feedback": (
                                    "Force is only one of several means, consent is irrelevant "
                                    "once a means is used, and exploitation need not have started "
                                    "yet."
                                ),
                            },
                        ],
                        "explanation": (
                            "Act (what is done), means (how it is done) and purpose (exploitation) "
                            "make up the definition used by the Palermo Protocol and ACTIP. For "
                            "children, the means element is not required."
                        ),
                    },
                    {
                        "type": "numeric",
                        "stem": (
                            "If the person is under a certain age, the means element is not "
                            "required: moving them for the purpose of exploitation is trafficking "
                            "even if they agreed. What is that age, in years?"
                        ),
                        "points": 1,
                        "answer": "18",
                        "tolerance": "0",
                        "unit": "years",
                        "explanation": (
                            "A child is anyone under 18 (Palermo Protocol, Article 3(c) and (d)). "
                            "For a child, only the act and the purpose of exploitation need to be "
                            "present."
                        ),
                        "feedback_incorrect": (
                            'Look again at the callout on children in the lesson "What is '
                            'trafficking in persons?".'
                        ),
                    },
                    {
                        "type": "matching",
                        "stem": (
                            "A broker recruits workers for a fishing boat. Match each fact in the "
                            "case to the element of the definition it shows."
                        ),
                        "points": 2,
                        "partial_credit": True,
                        "pairs": [
                            ["The broker drives the workers from their village to the port", "Act"],
                            [
                                (
                                    "The broker lies to them about the wages and the debt they "
                                    "will owe"
                                ),
                                "Means",
                            ],
                            [
                                "The workers are to be kept at sea on the boat without pay",
                                "Purpose",
                            ],
                        ],
                        "explanation": (
                            "Moving the workers is the act, deception is the means, and forced "
                            "labour on the boat is the exploitative purpose. With all three "
                            "present, this is trafficking even though the victims are adults."
                        ),
                    },
                    {
                        "type": "true_false",
                        "stem": (
                            "A woman agreed to go abroad to work in a karaoke bar, but was "
                            "deceived about the debt, the working conditions and her freedom to "
                            "leave. Because she agreed to go, she cannot be a victim of "
                            "trafficking."
                        ),
                        "points": 1,
                        "correct_answer": False,
                        "explanation": (
                            "Under Article 3(b) of the Palermo Protocol, an adult's consent to the "
                            "intended exploitation is irrelevant once any of the means, such as "
                            'deception, has been used. "I chose to go" does not end your '
                            "assessment."
                        ),
                    },
                    {
                        "type": "multiple",
                        "stem": (
                            "Which of these statements correctly describe differences between "
                            "trafficking in persons and migrant smuggling? Select all that apply."
                        ),
                        "points": 2,
                        "partial_credit": True,
                        "options": [
                            {
                                "text": (
                                    "Smuggling always involves an illegal crossing of an "
                                    "international border; trafficking can happen inside one "
                                    "country."
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. Trafficking can take place within one country and "
                                    "can involve completely legal travel."
                                ),
                            },
                            {
                                "text": (
                                    "Smuggling normally ends on arrival; trafficking continues "
                                    "after arrival because the trafficker profits from exploiting "
                                    "the victim."
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. Continuing exploitation is the core of trafficking."
                                ),
                            },
                            {
                                "text": (
                                    "Smuggling is a crime against the State's border rules; "
                                    "trafficking is a crime against the person."
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. This is why a victim of trafficking is entitled to "
                                    "protection and assistance."
                                ),
                            },
                            {
                                "text": (
                                    "Trafficking victims never pay fees; smuggled migrants always "
                                    "do."
                                ),
                                "correct": False,
                                "feedback": (
                                    "Trafficking victims often pay recruitment fees too. A fee "
                                    "does not tell the two crimes apart."
                                ),
                            },
                            {
                                "text": (
                                    "Trafficking always involves forged documents; smuggling does "
                                    "not."
                                ),
                                "correct": False,
                                "feedback": (
                                    "Many trafficking victims cross borders legally with genuine "
                                    "passports and visas."
                                ),
                            },
                        ],
                        "explanation": (
                            "Consent, exploitation, border crossing and who is harmed are the four "
                            "differences taught in the lesson. One journey can involve both crimes."
                        ),
                    },
                    {
                        "type": "single",
                        "stem": (
                            "A migrant paid a broker to take him from Myanmar into Thailand. On "
                            "arrival the broker says the fee has doubled, keeps his documents and "
                            "tells him to work on a fishing boat until the debt is repaid. How "
                            "should you treat this situation?"
                        ),
                        "points": 1,
                        "options": [
                            {
                                "text": "As smuggling only, because he agreed to be smuggled",
                                "correct": False,
                                "feedback": (
                                    "His consent to the crossing does not cover what happened "
                                    "next. The situation changed after he paid the broker."
                                ),
                            },
                            {
                                "text": (
                                    "As possible trafficking: it now shows means (deception, debt "
                                    "bondage) and a purpose of forced labour"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. Smuggling can turn into trafficking during the "
                                    "journey."
                                ),
                            },
                            {
                                "text": (
                                    "As a private debt dispute between the migrant and the broker"
                                ),
                                "correct": False,
                                "feedback": (
                                    "A doubled fee, confiscated documents and work to repay a debt "
                                    "are indicators of trafficking, not a private matter."
                                ),
                            },
                            {
                                "text": "As trafficking only if he was forced to cross the border",
                                "correct": False,
                                "feedback": (
                                    "The means can be used at any stage. The crossing itself can "
                                    "be voluntary."
                                ),
                            },
                        ],
                        "explanation": (
                            "Do not close the question by labelling someone a smuggled migrant at "
                            "first contact. Keep asking whether indicators of trafficking are "
                            "present."
                        ),
                    },
                ],
                "th": [
                    {
                        "type": "single",
                        "stem": (
                            "ตามข้อ 3 ของพิธีสารปาแลร์โม หากผู้เสียหายเป็นผู้ใหญ่ "
                            "การค้ามนุษย์ต้องครบองค์ประกอบสามประการใด"
                        ),
                        "points": 1,
                        "options": [
                            {
                                "text": "การกระทำ วิธีการ และวัตถุประสงค์",
                                "correct": True,
                                "feedback": (
                                    "ถูกต้อง หากผู้เสียหายเป็นผู้ใหญ่ ต้องครบทั้งการกระทำ วิธีการ "
                                    "และวัตถุประสงค์เพื่อการแสวงประโยชน์"
                                ),
                            },
                            {
                                "text": "การข้ามพรมแดนโดยผิดกฎหมาย การจ่ายค่าหัวคิว และการแสวงประโยชน์",
                                "correct": False,
                                "feedback": (
                                    "การค้ามนุษย์ไม่จำเป็นต้องมีการข้ามพรมแดน "
                                    "และการจ่ายเงินไม่ใช่องค์ประกอบตามนิยาม"
                                ),
                            },
                            {
                                "text": "การจัดหา เอกสารปลอม และการเข้าเมืองโดยผิดกฎหมาย",
                                "correct": False,
                                "feedback": (
                                    "การจัดหาเป็นรูปแบบหนึ่งของการกระทำ "
                                    "แต่เอกสารปลอมและการเข้าเมืองโดยผิดกฎหมายไม่ใช่องค์ประกอบ "
                                    "ผู้เสียหายจำนวนมากเดินทางอย่างถูกกฎหมาย"
                                ),
                            },
                            {
                                "text": "การใช้กำลัง การไม่ยินยอม และการแสวงประโยชน์ที่เกิดขึ้นแล้ว",
                                "correct": False,
                                "feedback": (
                                    "การใช้กำลังเป็นเพียงหนึ่งในหลายวิธีการ "
                                    "ความยินยอมไม่มีผลเมื่อมีการใช้วิธีการใดวิธีการหนึ่ง "
                                    "และการแสวงประโยชน์ไม่จำเป็นต้องเกิดขึ้นแล้ว"
                                ),
                            },
                        ],
                        "explanation": (
                            "การกระทำ (ทำอะไร) วิธีการ (ทำอย่างไร) และวัตถุประสงค์ (เพื่อการแสวงประโยชน์) "
                            "คือนิยามที่ใช้ในพิธีสารปาแลร์โมและ ACTIP กรณีเด็กไม่ต้องมีองค์ประกอบด้านวิธีการ"
                        ),
                    },
                    {
                        "type": "numeric",
                        "stem": (
                            "หากบุคคลนั้นอายุต่ำกว่าเกณฑ์หนึ่ง ไม่จำเป็นต้องมีองค์ประกอบด้านวิธีการ "
                            "การพาบุคคลนั้นเดินทางเพื่อการแสวงประโยชน์ถือเป็นการค้ามนุษย์แม้บุคคลนั้นจะยินยอม "
                            "เกณฑ์อายุดังกล่าวคือกี่ปี"
                        ),
                        "points": 1,
                        "answer": "18",
                        "tolerance": "0",
                        "unit": "ปี",
                        "explanation": (
                            "เด็กคือบุคคลที่อายุต่ำกว่า 18 ปี (พิธีสารปาแลร์โม ข้อ 3 (ค) และ (ง)) กรณีเด็ก "
                            "ต้องมีเพียงการกระทำและวัตถุประสงค์เพื่อการแสวงประโยชน์"
                        ),
                        "feedback_incorrect": (
                            'ทบทวนกรอบข้อความเรื่องเด็กในบทเรียน "การค้ามนุษย์คืออะไร" อีกครั้ง'
                        ),
                    },
                    {
                        "type": "matching",
                        "stem": (
                            "นายหน้ารายหนึ่งจัดหาแรงงานไปทำงานบนเรือประมง "
                            "จงจับคู่ข้อเท็จจริงแต่ละข้อกับองค์ประกอบตามนิยามที่ข้อเท็จจริงนั้นแสดง"
                        ),
                        "points": 2,
                        "partial_credit": True,
                        "pairs": [
                            ["นายหน้าขับรถพาแรงงานจากหมู่บ้านไปยังท่าเรือ", "การกระทำ"],
                            ["นายหน้าหลอกแรงงานเรื่องค่าจ้างและหนี้ที่จะต้องชดใช้", "วิธีการ"],
                            ["แรงงานจะถูกกักให้ทำงานบนเรือกลางทะเลโดยไม่ได้รับค่าจ้าง", "วัตถุประสงค์"],
                        ],
                        "explanation": (
                            "การพาแรงงานเดินทางคือการกระทำ การหลอกลวงคือวิธีการ "
                            "และการบังคับใช้แรงงานบนเรือคือวัตถุประสงค์เพื่อการแสวงประโยชน์ "
                            "เมื่อครบทั้งสามองค์ประกอบ กรณีนี้จึงเป็นการค้ามนุษย์แม้ผู้เสียหายเป็นผู้ใหญ่"
                        ),
                    },
                    {
                        "type": "true_false",
                        "stem": (
                            "หญิงคนหนึ่งตกลงไปทำงานในร้านคาราโอเกะต่างประเทศ แต่ถูกหลอกเรื่องหนี้สิน "
                            "สภาพการทำงาน และอิสระในการลาออก เนื่องจากเธอตกลงไปเอง "
                            "เธอจึงไม่อาจเป็นผู้เสียหายจากการค้ามนุษย์ได้"
                        ),
                        "points": 1,
                        "correct_answer": False,
                        "explanation": (
                            "ตามข้อ 3 (ข) ของพิธีสารปาแลร์โม "
                            "ความยินยอมของผู้ใหญ่ต่อการแสวงประโยชน์ไม่มีผลทางกฎหมาย "
                            'หากมีการใช้วิธีการใดวิธีการหนึ่ง เช่น การหลอกลวง คำว่า "ฉันเลือกไปเอง" '
                            "จึงไม่ได้ทำให้การประเมินของท่านสิ้นสุดลง"
                        ),
                    },
                    {
                        "type": "multiple",
                        "stem": (
                            "ข้อใดอธิบายความแตกต่างระหว่างการค้ามนุษย์กับการลักลอบขนผู้ย้ายถิ่นได้ถูกต้อง "
                            "(เลือกได้มากกว่าหนึ่งข้อ)"
                        ),
                        "points": 2,
                        "partial_credit": True,
                        "options": [
                            {
                                "text": (
                                    "การลักลอบขนต้องมีการข้ามพรมแดนระหว่างประเทศโดยผิดกฎหมายเสมอ "
                                    "ส่วนการค้ามนุษย์เกิดขึ้นภายในประเทศเดียวได้"
                                ),
                                "correct": True,
                                "feedback": (
                                    "ถูกต้อง การค้ามนุษย์เกิดขึ้นภายในประเทศเดียวได้ "
                                    "และอาจเดินทางอย่างถูกกฎหมายทุกขั้นตอน"
                                ),
                            },
                            {
                                "text": (
                                    "การลักลอบขนมักสิ้นสุดเมื่อถึงปลายทาง "
                                    "ส่วนการค้ามนุษย์ดำเนินต่อไปหลังถึงปลายทาง "
                                    "เพราะผู้ค้าได้กำไรจากการแสวงประโยชน์จากผู้เสียหาย"
                                ),
                                "correct": True,
                                "feedback": "ถูกต้อง การแสวงประโยชน์ที่ดำเนินต่อเนื่องคือแก่นของการค้ามนุษย์",
                            },
                            {
                                "text": (
                                    "การลักลอบขนเป็นความผิดต่อกฎเกณฑ์การควบคุมชายแดนของรัฐ "
                                    "ส่วนการค้ามนุษย์เป็นความผิดต่อตัวบุคคล"
                                ),
                                "correct": True,
                                "feedback": (
                                    "ถูกต้อง "
                                    "ด้วยเหตุนี้ผู้เสียหายจากการค้ามนุษย์จึงมีสิทธิได้รับการคุ้มครองและความช่วยเหลือ"
                                ),
                            },
                            {
                                "text": (
                                    "ผู้เสียหายจากการค้ามนุษย์ไม่เคยจ่ายเงิน ส่วนผู้ย้ายถิ่นที่ถูกลักลอบขนจ่ายเงินเสมอ"
                                ),
                                "correct": False,
                                "feedback": (
                                    "ผู้เสียหายจากการค้ามนุษย์ก็มักจ่ายค่าหัวคิวเช่นกัน "
                                    "การจ่ายเงินจึงใช้แยกอาชญากรรมสองประเภทนี้ไม่ได้"
                                ),
                            },
                            {
                                "text": "การค้ามนุษย์ต้องใช้เอกสารปลอมเสมอ ส่วนการลักลอบขนไม่ต้องใช้",
                                "correct": False,
                                "feedback": (
                                    "ผู้เสียหายจากการค้ามนุษย์จำนวนมาก "
                                    "เดินทางข้ามแดนอย่างถูกกฎหมายด้วยหนังสือเดินทางและวีซ่าที่แท้จริง"
                                ),
                            },
                        ],
                        "explanation": (
                            "ความยินยอม การแสวงประโยชน์ การข้ามแดน และผู้ที่ได้รับความเสียหาย "
                            "คือความแตกต่างสี่ประการที่เรียนในบทเรียน การเดินทางครั้งเดียวอาจมีทั้งสองอาชญากรรม"
                        ),
                    },
                    {
                        "type": "single",
                        "stem": (
                            "ผู้ย้ายถิ่นคนหนึ่งจ่ายเงินให้นายหน้าพาข้ามจากเมียนมาเข้าประเทศไทย เมื่อมาถึง "
                            "นายหน้าบอกว่าค่าใช้จ่ายเพิ่มเป็นสองเท่า ยึดเอกสารของเขาไว้ "
                            "และสั่งให้ไปทำงานบนเรือประมงจนกว่าจะใช้หนี้หมด ท่านควรพิจารณาสถานการณ์นี้อย่างไร"
                        ),
                        "points": 1,
                        "options": [
                            {
                                "text": "เป็นการลักลอบขนผู้ย้ายถิ่นเท่านั้น เพราะเขายินยอมให้ลักลอบขนเอง",
                                "correct": False,
                                "feedback": (
                                    "ความยินยอมในการข้ามแดนไม่ครอบคลุมสิ่งที่เกิดขึ้นภายหลัง "
                                    "สถานการณ์เปลี่ยนไปหลังจากที่เขาจ่ายเงินให้นายหน้าแล้ว"
                                ),
                            },
                            {
                                "text": (
                                    "อาจเป็นการค้ามนุษย์ เพราะขณะนี้มีทั้งวิธีการ (การหลอกลวง การใช้หนี้ผูกมัด) "
                                    "และวัตถุประสงค์เพื่อการบังคับใช้แรงงาน"
                                ),
                                "correct": True,
                                "feedback": "ถูกต้อง การลักลอบขนอาจกลายเป็นการค้ามนุษย์ได้ระหว่างการเดินทาง",
                            },
                            {
                                "text": "เป็นข้อพิพาทเรื่องหนี้ส่วนตัวระหว่างผู้ย้ายถิ่นกับนายหน้า",
                                "correct": False,
                                "feedback": (
                                    "ค่าใช้จ่ายที่เพิ่มเป็นสองเท่า การยึดเอกสาร และการทำงานใช้หนี้ "
                                    "เป็นข้อบ่งชี้การค้ามนุษย์ ไม่ใช่เรื่องส่วนตัว"
                                ),
                            },
                            {
                                "text": "เป็นการค้ามนุษย์ก็ต่อเมื่อเขาถูกบังคับให้ข้ามพรมแดนเท่านั้น",
                                "correct": False,
                                "feedback": (
                                    "วิธีการอาจเกิดขึ้นในขั้นตอนใดก็ได้ ส่วนการข้ามแดนอาจเป็นไปโดยสมัครใจ"
                                ),
                            },
                        ],
                        "explanation": (
                            "อย่าด่วนสรุปว่าบุคคลใดเป็นผู้ย้ายถิ่นที่ถูกลักลอบขนตั้งแต่การพบครั้งแรก "
                            "ให้ตั้งคำถามต่อไปว่ามีข้อบ่งชี้การค้ามนุษย์หรือไม่"
                        ),
                    },
                ],
            },
            "recognising-indicators": {
                "en": [
                    {
                        "type": "multiple",
                        "stem": (
                            "A young woman is at your counter. Which of these facts are indicators "
                            "of trafficking taught in this module? Select all that apply."
                        ),
                        "points": 2,
                        "partial_credit": True,
                        "options": [
                            {
                                "text": (
                                    "A man standing behind her hands over her passport and answers "
                                    "for her"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. Documents held by someone else and a companion who "
                                    "answers for the person are both indicators."
                                ),
                            },
                            {
                                "text": (
                                    "She holds a tourist visa but says she is going abroad to work"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. A visa that does not fit the stated purpose is a "
                                    "document indicator."
                                ),
                            },
                            {
                                "text": "Her one-way ticket was bought by a third party, in cash",
                                "correct": True,
                                "feedback": (
                                    "Correct. A ticket bought by someone else, often in cash and "
                                    "one-way, is a travel-pattern indicator."
                                ),
                            },
                            {
                                "text": (
                                    "She can name her hotel and shows a return ticket she paid for "
                                    "herself"
                                ),
                                "correct": False,
                                "feedback": (
                                    "These facts fit an ordinary trip. They are not indicators of "
                                    "trafficking."
                                ),
                            },
                            {
                                "text": (
                                    "Her passport was issued five years ago and has stamps from "
                                    "several earlier trips"
                                ),
                                "correct": False,
                                "feedback": (
                                    "The indicator is a passport issued very recently to someone "
                                    "who has never travelled, not a well-used one."
                                ),
                            },
                        ],
                        "explanation": (
                            "Each indicator alone may have an innocent explanation. Together, they "
                            "justify a private conversation."
                        ),
                    },
                    {
                        "type": "true_false",
                        "stem": (
                            "If a companion is holding a traveller's passport, that fact alone "
                            "proves that the traveller is a victim of trafficking."
                        ),
                        "points": 1,
                        "correct_answer": False,
                        "explanation": (
                            "No single indicator proves trafficking. Parents, tour leaders and "
                            "employers on business trips sometimes hold documents too. Look for "
                            "combinations, and check whether the person's account holds together."
                        ),
                    },
                    {
                        "type": "matching",
                        "stem": "Match each indicator to the group it belongs to.",
                        "points": 2,
                        "partial_credit": True,
                        "pairs": [
                            [
                                "The age in the passport does not match the person's appearance",
                                "Documents",
                            ],
                            [
                                "Answers sound rehearsed and are identical across the group",
                                "Behaviour",
                            ],
                            [
                                (
                                    "An escort has made repeated recent trips with different young "
                                    "companions"
                                ),
                                "Travel pattern",
                            ],
                        ],
                        "explanation": (
                            "Indicators fall into three groups: documents, behaviour and travel "
                            "pattern. Look for combinations across the groups."
                        ),
                    },
                    {
                        "type": "ordering",
                        "stem": (
                            "You decide to speak privately with a possible victim. Put these steps "
                            "in the order taught in the lesson."
                        ),
                        "points": 2,
                        "partial_credit": False,
                        "items": [
                            (
                                "Separate the person from the companion, using a routine reason "
                                "such as a secondary document check"
                            ),
                            (
                                "Introduce yourself and explain simply why you are talking and "
                                "what will happen next"
                            ),
                            'Ask open questions, such as "Tell me about your trip"',
                            'Ask specific questions, such as "Who has your passport now?"',
                        ],
                        "explanation": (
                            "Separate first, so that the companion is not alerted. Then introduce "
                            "yourself, start with open questions and move on to specific ones."
                        ),
                    },
                    {
                        "type": "single",
                        "stem": (
                            "In a private conversation, a young woman who shows several indicators "
                            "says she is not a victim. She says the recruiter is her aunt and that "
                            "the debt she owes for the trip is fair. What should you conclude?"
                        ),
                        "points": 1,
                        "options": [
                            {
                                "text": "There is no trafficking, because she denies it.",
                                "correct": False,
                                "feedback": (
                                    "Many victims do not see themselves as victims. A denial does "
                                    "not end your assessment."
                                ),
                            },
                            {
                                "text": (
                                    "A denial does not rule out trafficking: record the indicators "
                                    "and her words, and continue the assessment."
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. Victims may be loyal to a relative who recruited "
                                    "them, believe the debt is fair or have been coached to lie."
                                ),
                            },
                            {
                                "text": (
                                    "She is lying and should be charged with giving false "
                                    "information."
                                ),
                                "correct": False,
                                "feedback": (
                                    "Treat her as a possible victim, not as an offender. Victims "
                                    "are often coached in what to say."
                                ),
                            },
                            {
                                "text": (
                                    "The debt shows that she is a willing migrant worker, so the "
                                    "case can be closed."
                                ),
                                "correct": False,
                                "feedback": (
                                    "A debt owed to a recruiter is itself an indicator of "
                                    "trafficking."
                                ),
                            },
                        ],
                        "explanation": (
                            "Victims rarely identify themselves. Base your decision on the "
                            "indicators, not on whether the person calls themselves a victim."
                        ),
                    },
                    {
                        "type": "short_text",
                        "stem": (
                            "The WHO Ethical and Safety Recommendations for Interviewing "
                            "Trafficked Women sum up the rule for the first conversation in three "
                            "words. What are they?"
                        ),
                        "points": 1,
                        "accepted": [
                            "do no harm",
                            "do-no-harm",
                            "do no harm.",
                            "first, do no harm",
                            "do not harm",
                        ],
                        "explanation": (
                            "Do no harm. Your task is not to take a full statement but to find out "
                            "whether there are reasonable grounds to suspect trafficking, keep the "
                            "person safe and hand over to trained people."
                        ),
                    },
                ],
                "th": [
                    {
                        "type": "multiple",
                        "stem": (
                            "หญิงสาวคนหนึ่งอยู่ที่ช่องตรวจของท่าน "
                            "ข้อเท็จจริงใดต่อไปนี้เป็นข้อบ่งชี้การค้ามนุษย์ตามที่เรียนในโมดูลนี้ (เลือกได้มากกว่าหนึ่งข้อ)"
                        ),
                        "points": 2,
                        "partial_credit": True,
                        "options": [
                            {
                                "text": "ชายที่ยืนอยู่ด้านหลังเป็นผู้ยื่นหนังสือเดินทางของเธอ และตอบคำถามแทนเธอ",
                                "correct": True,
                                "feedback": (
                                    "ถูกต้อง เอกสารที่อยู่กับผู้อื่นและผู้ร่วมเดินทางที่ตอบคำถามแทน ล้วนเป็นข้อบ่งชี้"
                                ),
                            },
                            {
                                "text": "เธอถือวีซ่าท่องเที่ยว แต่บอกว่าจะไปทำงานต่างประเทศ",
                                "correct": True,
                                "feedback": "ถูกต้อง วีซ่าที่ไม่ตรงกับวัตถุประสงค์ที่แจ้งเป็นข้อบ่งชี้ด้านเอกสาร",
                            },
                            {
                                "text": "บุคคลอื่นเป็นผู้ซื้อตั๋วเที่ยวเดียวให้เธอด้วยเงินสด",
                                "correct": True,
                                "feedback": (
                                    "ถูกต้อง ตั๋วที่ผู้อื่นซื้อให้ มักจ่ายเป็นเงินสดและเป็นเที่ยวเดียว "
                                    "เป็นข้อบ่งชี้ด้านรูปแบบการเดินทาง"
                                ),
                            },
                            {
                                "text": "เธอบอกชื่อโรงแรมที่พักได้ และมีตั๋วไป-กลับที่จ่ายเงินเอง",
                                "correct": False,
                                "feedback": (
                                    "ข้อเท็จจริงเหล่านี้สอดคล้องกับการเดินทางทั่วไป ไม่ใช่ข้อบ่งชี้การค้ามนุษย์"
                                ),
                            },
                            {
                                "text": (
                                    "หนังสือเดินทางของเธอออกให้เมื่อห้าปีก่อน "
                                    "และมีตราประทับจากการเดินทางครั้งก่อน ๆ หลายครั้ง"
                                ),
                                "correct": False,
                                "feedback": (
                                    "ข้อบ่งชี้คือหนังสือเดินทางที่เพิ่งออกให้กับผู้ที่ไม่เคยเดินทางมาก่อน "
                                    "ไม่ใช่หนังสือเดินทางที่ใช้เดินทางมาแล้วหลายครั้ง"
                                ),
                            },
                        ],
                        "explanation": (
                            "ข้อบ่งชี้แต่ละข้อเพียงลำพังอาจมีคำอธิบายที่สุจริต "
                            "แต่เมื่อรวมกันแล้วเป็นเหตุเพียงพอที่จะพูดคุยเป็นการส่วนตัว"
                        ),
                    },
                    {
                        "type": "true_false",
                        "stem": (
                            "หากผู้ร่วมเดินทางถือหนังสือเดินทางของผู้เดินทางไว้ "
                            "ข้อเท็จจริงนี้เพียงข้อเดียวก็พิสูจน์ได้ว่าผู้เดินทางเป็นผู้เสียหายจากการค้ามนุษย์"
                        ),
                        "points": 1,
                        "correct_answer": False,
                        "explanation": (
                            "ไม่มีข้อบ่งชี้ใดเพียงข้อเดียวที่พิสูจน์การค้ามนุษย์ได้ พ่อแม่ หัวหน้าทัวร์ "
                            "หรือนายจ้างที่พาเดินทางไปทำธุรกิจก็อาจถือเอกสารไว้ให้เช่นกัน "
                            "ให้พิจารณาข้อบ่งชี้หลายข้อประกอบกัน และดูว่าคำบอกเล่าของบุคคลนั้นสอดคล้องกันหรือไม่"
                        ),
                    },
                    {
                        "type": "matching",
                        "stem": "จงจับคู่ข้อบ่งชี้แต่ละข้อกับกลุ่มของข้อบ่งชี้นั้น",
                        "points": 2,
                        "partial_credit": True,
                        "pairs": [
                            ["อายุในหนังสือเดินทางไม่สอดคล้องกับรูปลักษณ์ของบุคคล", "เอกสาร"],
                            ["คำตอบฟังเหมือนท่องจำมา และเหมือนกันทุกคนในกลุ่ม", "พฤติกรรม"],
                            [
                                "ผู้คุมมาเดินทางซ้ำหลายครั้งในช่วงที่ผ่านมา โดยพาคนหนุ่มสาวต่างกลุ่มกันมาด้วย",
                                "รูปแบบการเดินทาง",
                            ],
                        ],
                        "explanation": (
                            "ข้อบ่งชี้แบ่งได้เป็นสามกลุ่ม คือ เอกสาร พฤติกรรม และรูปแบบการเดินทาง "
                            "ให้พิจารณาข้อบ่งชี้จากหลายกลุ่มประกอบกัน"
                        ),
                    },
                    {
                        "type": "ordering",
                        "stem": (
                            "ท่านตัดสินใจพูดคุยเป็นการส่วนตัวกับผู้ที่อาจเป็นผู้เสียหาย "
                            "จงเรียงลำดับขั้นตอนต่อไปนี้ตามที่เรียนในบทเรียน"
                        ),
                        "points": 2,
                        "partial_credit": False,
                        "items": [
                            "แยกบุคคลนั้นออกจากผู้ร่วมเดินทาง โดยอ้างเหตุผลตามปกติ เช่น การตรวจเอกสารเพิ่มเติม",
                            "แนะนำตัว และอธิบายอย่างง่าย ๆ ว่าทำไมจึงพูดคุยและจะเกิดอะไรขึ้นต่อไป",
                            'ถามคำถามปลายเปิด เช่น "เล่าเรื่องการเดินทางครั้งนี้ให้ฟังหน่อย"',
                            'ถามคำถามเจาะจง เช่น "ตอนนี้หนังสือเดินทางของคุณอยู่กับใคร"',
                        ],
                        "explanation": (
                            "แยกตัวก่อนเพื่อไม่ให้ผู้ร่วมเดินทางไหวตัว จากนั้นแนะนำตัว เริ่มด้วยคำถามปลายเปิด "
                            "แล้วจึงถามคำถามเจาะจง"
                        ),
                    },
                    {
                        "type": "single",
                        "stem": (
                            "ระหว่างการพูดคุยเป็นการส่วนตัว หญิงสาวคนหนึ่งซึ่งมีข้อบ่งชี้หลายข้อบอกว่าตนไม่ใช่ผู้เสียหาย "
                            "นายหน้าเป็นป้าของเธอ และหนี้ค่าเดินทางที่เธอต้องชดใช้ก็เป็นธรรม ท่านควรสรุปอย่างไร"
                        ),
                        "points": 1,
                        "options": [
                            {
                                "text": "ไม่มีการค้ามนุษย์ เพราะเธอปฏิเสธ",
                                "correct": False,
                                "feedback": (
                                    "ผู้เสียหายจำนวนมากไม่มองว่าตนเองเป็นผู้เสียหาย "
                                    "การปฏิเสธไม่ได้ทำให้การประเมินของท่านสิ้นสุดลง"
                                ),
                            },
                            {
                                "text": (
                                    "การปฏิเสธไม่ได้ตัดความเป็นไปได้ของการค้ามนุษย์ "
                                    "ให้บันทึกข้อบ่งชี้และถ้อยคำของเธอ แล้วประเมินต่อไป"
                                ),
                                "correct": True,
                                "feedback": (
                                    "ถูกต้อง ผู้เสียหายอาจภักดีต่อญาติที่เป็นนายหน้า เชื่อว่าหนี้นั้นเป็นธรรม "
                                    "หรือถูกสอนมาให้โกหก"
                                ),
                            },
                            {
                                "text": "เธอโกหก และควรถูกดำเนินคดีฐานให้ข้อมูลเท็จ",
                                "correct": False,
                                "feedback": (
                                    "ให้ปฏิบัติต่อเธอในฐานะผู้ที่อาจเป็นผู้เสียหาย ไม่ใช่ผู้กระทำความผิด "
                                    "ผู้เสียหายมักถูกสอนมาว่าต้องตอบอย่างไร"
                                ),
                            },
                            {
                                "text": "หนี้นั้นแสดงว่าเธอเป็นแรงงานย้ายถิ่นที่สมัครใจ จึงปิดเรื่องได้",
                                "correct": False,
                                "feedback": "หนี้ที่ต้องชดใช้ให้นายหน้าเป็นข้อบ่งชี้การค้ามนุษย์ในตัวเอง",
                            },
                        ],
                        "explanation": (
                            "ผู้เสียหายไม่ค่อยบอกว่าตนเองเป็นผู้เสียหาย ให้ตัดสินใจจากข้อบ่งชี้ "
                            "ไม่ใช่จากการที่บุคคลนั้นเรียกตนเองว่าผู้เสียหายหรือไม่"
                        ),
                    },
                    {
                        "type": "short_text",
                        "stem": (
                            "ข้อแนะนำด้านจริยธรรมและความปลอดภัยในการสัมภาษณ์สตรีที่ถูกค้ามนุษย์ "
                            "ขององค์การอนามัยโลก (WHO) สรุปหลักของการพูดคุยครั้งแรกไว้ว่าอย่างไร"
                        ),
                        "points": 1,
                        "accepted": [
                            "ต้องไม่ก่อให้เกิดอันตราย",
                            "ไม่ก่อให้เกิดอันตราย",
                            "อย่าก่อให้เกิดอันตราย",
                            "ไม่ทำให้เกิดอันตราย",
                            "ต้องไม่ทำให้เกิดอันตราย",
                            "do no harm",
                        ],
                        "explanation": (
                            "ต้องไม่ก่อให้เกิดอันตราย (do no harm) หน้าที่ของท่านไม่ใช่การบันทึกปากคำอย่างละเอียด "
                            "แต่คือการค้นหาว่ามีเหตุอันควรสงสัยว่าเป็นการค้ามนุษย์หรือไม่ ดูแลให้บุคคลนั้นปลอดภัย "
                            "และส่งต่อให้ผู้ที่ได้รับการฝึกอบรม"
                        ),
                    },
                ],
            },
            "protecting-and-referring": {
                "en": [
                    {
                        "type": "ordering",
                        "stem": (
                            "Put the steps of the referral pathway at a border post in the correct "
                            "order."
                        ),
                        "points": 2,
                        "partial_credit": False,
                        "items": [
                            (
                                "Identify: note the indicators that gave you reasonable grounds to "
                                "suspect trafficking"
                            ),
                            (
                                "Protect: separate the person from the suspected trafficker and "
                                "meet urgent needs"
                            ),
                            (
                                "Inform: explain, in a language the person understands, what will "
                                "happen next"
                            ),
                            (
                                "Refer: contact the anti-trafficking focal point and, for "
                                "children, child protection"
                            ),
                            (
                                "Record: complete the referral form and hand over documents with a "
                                "written record"
                            ),
                            "Follow up: confirm that the receiving agency has taken over the case",
                        ],
                        "explanation": (
                            "Identify, protect, inform, refer, record and follow up: the six steps "
                            "of the referral pathway taught in this module."
                        ),
                    },
                    {
                        "type": "true_false",
                        "stem": (
                            "A possible victim should receive assistance and protection only if "
                            "they agree to cooperate with the investigation."
                        ),
                        "points": 1,
                        "correct_answer": False,
                        "explanation": (
                            "Protection is not conditional (OHCHR Recommended Principles, "
                            "Principle 8). Pressing a frightened person to testify as the price of "
                            "help often makes them withdraw completely."
                        ),
                    },
                    {
                        "type": "multiple",
                        "stem": (
                            "You are completing your notes on a possible victim before the "
                            "hand-over. Which of these should you record? Select all that apply."
                        ),
                        "points": 2,
                        "partial_credit": True,
                        "options": [
                            {
                                "text": (
                                    "The indicators you observed and the person's own words, as "
                                    "close to verbatim as possible"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. The person's own words are valuable to the agencies "
                                    "that take over."
                                ),
                            },
                            {
                                "text": (
                                    "Details of companions, recruiters, vehicles, phone numbers, "
                                    "tickets and payments"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. These details help investigators find the network."
                                ),
                            },
                            {
                                "text": "The documents seized and to whom they were handed",
                                "correct": True,
                                "feedback": (
                                    "Correct. Every hand-over of documents and evidence needs a "
                                    "written record."
                                ),
                            },
                            {
                                "text": (
                                    "A full account of any sexual abuse, obtained by questioning "
                                    "the person at the post"
                                ),
                                "correct": False,
                                "feedback": (
                                    "Do not press for details of sexual abuse. That is for a "
                                    "specialist interviewer later."
                                ),
                            },
                            {
                                "text": (
                                    "The person's address at destination, to pass to the employer "
                                    "so that wages can be paid"
                                ),
                                "correct": False,
                                "feedback": (
                                    "Never share information about a victim with the employer or "
                                    "recruiter."
                                ),
                            },
                        ],
                        "explanation": (
                            "Record the date, time and place, the officers and interpreter "
                            "present, the indicators and the person's words, details of companions "
                            "and recruiters, documents seized and actions taken. Share the record "
                            "only with the agencies that need it."
                        ),
                    },
                    {
                        "type": "single",
                        "stem": (
                            "A 15-year-old girl has been identified as a possible victim at your "
                            "post. A man arrives, says he is her uncle and asks to take her home. "
                            "What should you do?"
                        ),
                        "points": 1,
                        "options": [
                            {
                                "text": "Hand her to him, since a child is better off with family.",
                                "correct": False,
                                "feedback": (
                                    "Relatives are sometimes involved in the exploitation. Check "
                                    "first."
                                ),
                            },
                            {
                                "text": (
                                    "Involve the child-protection authority, and do not hand her "
                                    "over until it has been checked that he is not involved in the "
                                    "exploitation."
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. The best interests of the child are a primary "
                                    "consideration in every decision."
                                ),
                            },
                            {
                                "text": (
                                    "Hold her in a cell until the uncle brings proof of the "
                                    "relationship."
                                ),
                                "correct": False,
                                "feedback": (
                                    "A child should not be held in a cell. Keep her in a safe, "
                                    "supervised place."
                                ),
                            },
                            {
                                "text": "Let her decide for herself whether to leave with him.",
                                "correct": False,
                                "feedback": (
                                    "She may be under pressure from him. Decisions about a child "
                                    "are made with child protection, in her best interests."
                                ),
                            },
                        ],
                        "explanation": (
                            "Contact child protection immediately, never hand a child to a "
                            'relative or "guardian" without checking them, and make the child\'s '
                            "best interests a primary consideration (Convention on the Rights of "
                            "the Child, Article 3)."
                        ),
                    },
                    {
                        "type": "matching",
                        "stem": "Match each situation to the correct action.",
                        "points": 2,
                        "partial_credit": True,
                        "pairs": [
                            [
                                (
                                    "There are reasons to believe that a person of uncertain age "
                                    "is under 18"
                                ),
                                "Treat them as a child until their age is verified",
                            ],
                            [
                                "A possible victim was found working without a permit",
                                (
                                    "Issue no fine, detention order or removal order before "
                                    "screening is finished"
                                ),
                            ],
                            [
                                "The person's family phones the post asking for news",
                                (
                                    "Share information only with the person's consent and after a "
                                    "risk check"
                                ),
                            ],
                            [
                                "A victim is to return to the neighbouring country",
                                (
                                    "Return only after a risk assessment, with a receiving agency "
                                    "on the other side"
                                ),
                            ],
                        ],
                        "explanation": (
                            "Each answer applies a rule from the lessons: treat a possible child "
                            "as a child, screen before punishing, protect sensitive information "
                            "and make return safe."
                        ),
                    },
                    {
                        "type": "short_text",
                        "stem": (
                            "What is the name of the principle under which trafficked persons "
                            "should not be detained, charged or prosecuted for offences that were "
                            "a direct consequence of their being trafficked?"
                        ),
                        "points": 1,
                        "accepted": [
                            "non-punishment",
                            "non-punishment principle",
                            "the non-punishment principle",
                            "principle of non-punishment",
                            "non punishment",
                            "non punishment principle",
                            "nonpunishment",
                        ],
                        "explanation": (
                            "The non-punishment principle (OHCHR Recommended Principles, Principle "
                            "7; ACTIP, Article 14). In practice, screen first, and do not punish a "
                            "possible victim before screening is finished."
                        ),
                    },
                ],
                "th": [
                    {
                        "type": "ordering",
                        "stem": "จงเรียงลำดับขั้นตอนของเส้นทางการส่งต่อที่ด่านชายแดนให้ถูกต้อง",
                        "points": 2,
                        "partial_credit": False,
                        "items": [
                            "ระบุตัว: บันทึกข้อบ่งชี้ที่ทำให้ท่านมีเหตุอันควรสงสัยว่าเป็นการค้ามนุษย์",
                            "คุ้มครอง: แยกบุคคลนั้นออกจากผู้ต้องสงสัยว่าเป็นผู้ค้ามนุษย์ และดูแลความจำเป็นเร่งด่วน",
                            "แจ้งข้อมูล: อธิบายเป็นภาษาที่บุคคลนั้นเข้าใจว่าจะเกิดอะไรขึ้นต่อไป",
                            (
                                "ส่งต่อ: ติดต่อผู้ประสานงานด้านการต่อต้านการค้ามนุษย์ "
                                "และกรณีเด็กให้ติดต่อหน่วยงานคุ้มครองเด็ก"
                            ),
                            "บันทึก: กรอกแบบฟอร์มการส่งต่อ และส่งมอบเอกสารพร้อมบันทึกเป็นลายลักษณ์อักษร",
                            "ติดตามผล: ยืนยันว่าหน่วยงานผู้รับได้รับเรื่องไปดำเนินการแล้ว",
                        ],
                        "explanation": (
                            "ระบุตัว คุ้มครอง แจ้งข้อมูล ส่งต่อ บันทึก และติดตามผล "
                            "คือหกขั้นตอนของเส้นทางการส่งต่อที่เรียนในโมดูลนี้"
                        ),
                    },
                    {
                        "type": "true_false",
                        "stem": (
                            "ผู้ที่อาจเป็นผู้เสียหายควรได้รับความช่วยเหลือและการคุ้มครอง "
                            "ก็ต่อเมื่อยินยอมให้ความร่วมมือในการสอบสวนเท่านั้น"
                        ),
                        "points": 1,
                        "correct_answer": False,
                        "explanation": (
                            "การคุ้มครองต้องไม่มีเงื่อนไข (หลักการที่แนะนำของ OHCHR หลักการข้อ 8) "
                            "การกดดันให้คนที่กำลังหวาดกลัวต้องเป็นพยานแลกกับความช่วยเหลือ "
                            "มักทำให้เขาถอนตัวโดยสิ้นเชิง"
                        ),
                    },
                    {
                        "type": "multiple",
                        "stem": (
                            "ท่านกำลังจัดทำบันทึกเกี่ยวกับผู้ที่อาจเป็นผู้เสียหายก่อนส่งมอบ ข้อใดต่อไปนี้ควรบันทึกไว้ "
                            "(เลือกได้มากกว่าหนึ่งข้อ)"
                        ),
                        "points": 2,
                        "partial_credit": True,
                        "options": [
                            {
                                "text": "ข้อบ่งชี้ที่พบ และถ้อยคำของบุคคลนั้นเอง ให้ใกล้เคียงคำพูดจริงมากที่สุด",
                                "correct": True,
                                "feedback": (
                                    "ถูกต้อง ถ้อยคำของบุคคลนั้นเองมีคุณค่าต่อหน่วยงานที่รับเรื่องไปดำเนินการ"
                                ),
                            },
                            {
                                "text": (
                                    "รายละเอียดของผู้ร่วมเดินทาง นายหน้า ยานพาหนะ หมายเลขโทรศัพท์ ตั๋ว "
                                    "และการชำระเงิน"
                                ),
                                "correct": True,
                                "feedback": "ถูกต้อง รายละเอียดเหล่านี้ช่วยให้พนักงานสอบสวนสืบหาเครือข่ายได้",
                            },
                            {
                                "text": "เอกสารที่ยึดไว้ และส่งมอบให้แก่ผู้ใด",
                                "correct": True,
                                "feedback": (
                                    "ถูกต้อง การส่งมอบเอกสารและพยานหลักฐานทุกครั้งต้องมีบันทึกเป็นลายลักษณ์อักษร"
                                ),
                            },
                            {
                                "text": "รายละเอียดทั้งหมดของการถูกล่วงละเมิดทางเพศ โดยซักถามบุคคลนั้นที่ด่าน",
                                "correct": False,
                                "feedback": (
                                    "อย่าเร่งเร้าให้เล่ารายละเอียดการถูกล่วงละเมิดทางเพศ "
                                    "ซึ่งเป็นหน้าที่ของผู้สัมภาษณ์ที่มีความเชี่ยวชาญในภายหลัง"
                                ),
                            },
                            {
                                "text": "ที่อยู่ปลายทางของบุคคลนั้น เพื่อส่งให้นายจ้างนำไปจ่ายค่าจ้าง",
                                "correct": False,
                                "feedback": "ห้ามเปิดเผยข้อมูลเกี่ยวกับผู้เสียหายแก่นายจ้างหรือนายหน้า",
                            },
                        ],
                        "explanation": (
                            "บันทึกวัน เวลา และสถานที่ เจ้าหน้าที่และล่ามที่อยู่ในเหตุการณ์ ข้อบ่งชี้และถ้อยคำของบุคคลนั้น "
                            "รายละเอียดของผู้ร่วมเดินทางและนายหน้า เอกสารที่ยึดไว้ และการดำเนินการที่ได้ทำ "
                            "และเปิดเผยบันทึกเฉพาะแก่หน่วยงานที่จำเป็นต้องใช้"
                        ),
                    },
                    {
                        "type": "single",
                        "stem": (
                            "เด็กหญิงอายุ 15 ปีถูกระบุตัวว่าอาจเป็นผู้เสียหายที่ด่านของท่าน ชายคนหนึ่งมาที่ด่าน "
                            "อ้างว่าเป็นลุงของเด็ก และขอพาเด็กกลับบ้าน ท่านควรทำอย่างไร"
                        ),
                        "points": 1,
                        "options": [
                            {
                                "text": "มอบตัวเด็กให้เขา เพราะเด็กควรได้อยู่กับครอบครัว",
                                "correct": False,
                                "feedback": "บางครั้งญาติก็มีส่วนในการแสวงประโยชน์ ต้องตรวจสอบก่อน",
                            },
                            {
                                "text": (
                                    "ประสานหน่วยงานคุ้มครองเด็ก และไม่มอบตัวเด็กจนกว่าจะตรวจสอบแล้ว "
                                    "ว่าชายคนนั้นไม่ได้มีส่วนในการแสวงประโยชน์"
                                ),
                                "correct": True,
                                "feedback": (
                                    "ถูกต้อง ประโยชน์สูงสุดของเด็กต้องเป็นข้อพิจารณาลำดับแรกในทุกการตัดสินใจ"
                                ),
                            },
                            {
                                "text": "ควบคุมตัวเด็กไว้ในห้องขังจนกว่าลุงจะนำหลักฐานความสัมพันธ์มาแสดง",
                                "correct": False,
                                "feedback": "ไม่ควรควบคุมเด็กไว้ในห้องขัง ให้ดูแลเด็กในสถานที่ที่ปลอดภัยและมีผู้ดูแล",
                            },
                            {
                                "text": "ให้เด็กตัดสินใจเองว่าจะไปกับเขาหรือไม่",
                                "correct": False,
                                "feedback": (
                                    "เด็กอาจถูกเขากดดันอยู่ "
                                    "การตัดสินใจเกี่ยวกับเด็กต้องทำร่วมกับหน่วยงานคุ้มครองเด็ก "
                                    "เพื่อประโยชน์สูงสุดของเด็ก"
                                ),
                            },
                        ],
                        "explanation": (
                            'ติดต่อหน่วยงานคุ้มครองเด็กทันที อย่ามอบตัวเด็กให้ญาติหรือ "ผู้ปกครอง" โดยไม่ตรวจสอบ '
                            "และให้ประโยชน์สูงสุดของเด็กเป็นข้อพิจารณาลำดับแรก (อนุสัญญาว่าด้วยสิทธิเด็ก ข้อ 3)"
                        ),
                    },
                    {
                        "type": "matching",
                        "stem": "จงจับคู่สถานการณ์แต่ละข้อกับการดำเนินการที่ถูกต้อง",
                        "points": 2,
                        "partial_credit": True,
                        "pairs": [
                            [
                                "มีเหตุให้เชื่อว่าบุคคลที่ไม่แน่ใจเรื่องอายุมีอายุต่ำกว่า 18 ปี",
                                "ปฏิบัติต่อบุคคลนั้นในฐานะเด็กจนกว่าจะพิสูจน์อายุได้",
                            ],
                            [
                                "พบผู้ที่อาจเป็นผู้เสียหายทำงานโดยไม่มีใบอนุญาต",
                                "ไม่ออกคำสั่งปรับ คำสั่งกักตัว หรือคำสั่งส่งกลับ ก่อนการคัดกรองจะเสร็จสิ้น",
                            ],
                            [
                                "ครอบครัวของบุคคลนั้นโทรศัพท์มาที่ด่านเพื่อสอบถามข่าว",
                                "เปิดเผยข้อมูลเฉพาะเมื่อบุคคลนั้นยินยอมและได้ประเมินความเสี่ยงแล้ว",
                            ],
                            [
                                "ผู้เสียหายจะต้องเดินทางกลับไปยังประเทศเพื่อนบ้าน",
                                "ส่งกลับหลังการประเมินความเสี่ยงแล้วเท่านั้น โดยมีหน่วยงานรับตัวในอีกฝั่ง",
                            ],
                        ],
                        "explanation": (
                            "แต่ละคำตอบคือการใช้หลักจากบทเรียน ได้แก่ ปฏิบัติต่อผู้ที่อาจเป็นเด็กในฐานะเด็ก "
                            "คัดกรองก่อนลงโทษ คุ้มครองข้อมูลอ่อนไหว และส่งกลับอย่างปลอดภัย"
                        ),
                    },
                    {
                        "type": "short_text",
                        "stem": (
                            "หลักการที่กำหนดว่าผู้ถูกค้ามนุษย์ต้องไม่ถูกกักตัว ตั้งข้อหา หรือดำเนินคดี "
                            "สำหรับความผิดที่เป็นผลโดยตรงจากการถูกค้ามนุษย์ เรียกว่าหลักการอะไร"
                        ),
                        "points": 1,
                        "accepted": [
                            "หลักการไม่ลงโทษผู้เสียหาย",
                            "หลักการไม่ลงโทษ",
                            "หลักไม่ลงโทษผู้เสียหาย",
                            "หลักไม่ลงโทษ",
                            "การไม่ลงโทษผู้เสียหาย",
                            "ไม่ลงโทษผู้เสียหาย",
                            "non-punishment",
                        ],
                        "explanation": (
                            "หลักการไม่ลงโทษผู้เสียหาย (หลักการที่แนะนำของ OHCHR หลักการข้อ 7 และ ACTIP ข้อ "
                            "14) ในทางปฏิบัติ ให้คัดกรองก่อน "
                            "และอย่าลงโทษผู้ที่อาจเป็นผู้เสียหายก่อนการคัดกรองจะเสร็จสิ้น"
                        ),
                    },
                ],
            },
        },
        "bank": {
            "category": {
                "en": "Trafficking in persons: core knowledge",
                "th": "การค้ามนุษย์: ความรู้พื้นฐาน",
            },
            "questions": {
                "en": [
                    {
                        "type": "single",
                        "stem": (
                            "Which of these is an example of the <i>act</i> element of trafficking "
                            "in persons?"
                        ),
                        "points": 1,
                        "options": [
                            {
                                "text": "Harbouring a person in a house until they are moved on",
                                "correct": True,
                                "feedback": (
                                    "Correct. Recruitment, transportation, transfer, harbouring "
                                    "and receipt of persons are the acts."
                                ),
                            },
                            {
                                "text": "Deceiving a person about their wages",
                                "correct": False,
                                "feedback": "Deception is one of the means, not an act.",
                            },
                            {
                                "text": "Forcing a person to work without pay",
                                "correct": False,
                                "feedback": (
                                    "Forced labour is a form of exploitation, which is the purpose "
                                    "element."
                                ),
                            },
                            {
                                "text": "Threatening the person's family",
                                "correct": False,
                                "feedback": "Threats are one of the means, not an act.",
                            },
                        ],
                        "explanation": (
                            "The act is what is done: recruitment, transportation, transfer, "
                            "harbouring or receipt of persons."
                        ),
                    },
                    {
                        "type": "true_false",
                        "stem": (
                            "Trafficking in persons always involves crossing an international "
                            "border."
                        ),
                        "points": 1,
                        "correct_answer": False,
                        "explanation": (
                            "Many victims are trafficked within their own country. An illegal "
                            "crossing of an international border is an element of smuggling, not "
                            "of trafficking."
                        ),
                    },
                    {
                        "type": "true_false",
                        "stem": (
                            "At the border, you need proof that exploitation has already taken "
                            "place before you can act on a suspicion of trafficking."
                        ),
                        "points": 1,
                        "correct_answer": False,
                        "explanation": (
                            "You need reasonable grounds to suspect that the person is being moved "
                            "for the purpose of exploitation. Proving the case is the job of "
                            "investigators and prosecutors later."
                        ),
                    },
                    {
                        "type": "numeric",
                        "stem": (
                            "For an adult victim, how many elements of the Palermo Protocol "
                            "definition must all be present for the case to be trafficking in "
                            "persons?"
                        ),
                        "points": 1,
                        "answer": "3",
                        "tolerance": "0",
                        "unit": "",
                        "explanation": (
                            "Three: act, means and purpose. For a child, the means element is not "
                            "required."
                        ),
                    },
                    {
                        "type": "multiple",
                        "stem": (
                            "Which of these are <i>means</i> listed in the Palermo Protocol "
                            "definition? Select all that apply."
                        ),
                        "points": 2,
                        "partial_credit": True,
                        "options": [
                            {
                                "text": "Abuse of a position of vulnerability",
                                "correct": True,
                                "feedback": "Correct. This is one of the means.",
                            },
                            {
                                "text": "Fraud or deception",
                                "correct": True,
                                "feedback": (
                                    "Correct. Deception about the job, the debt or the conditions "
                                    "is a common means."
                                ),
                            },
                            {
                                "text": (
                                    "Giving payments or benefits to a person who has control over "
                                    "the victim"
                                ),
                                "correct": True,
                                "feedback": "Correct. This is one of the means.",
                            },
                            {
                                "text": "Crossing a border without a visa",
                                "correct": False,
                                "feedback": (
                                    "An illegal crossing is not a means. It is part of the "
                                    "definition of smuggling."
                                ),
                            },
                            {
                                "text": "Travelling in a group with an escort",
                                "correct": False,
                                "feedback": (
                                    "This can be a travel-pattern indicator, but it is not one of "
                                    "the means in the definition."
                                ),
                            },
                        ],
                        "explanation": (
                            "The means are threat or use of force or other coercion, abduction, "
                            "fraud, deception, abuse of power or of a position of vulnerability, "
                            "and giving payments or benefits to a person who has control over the "
                            "victim."
                        ),
                    },
                    {
                        "type": "single",
                        "stem": (
                            "You want to speak privately with a woman whose travel companion "
                            "controls her documents. How should you separate her from him?"
                        ),
                        "points": 1,
                        "options": [
                            {
                                "text": (
                                    "Use a routine reason, such as a secondary document check, so "
                                    "that the companion is not alerted"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. A routine reason protects the woman and does not "
                                    "make the companion suspicious."
                                ),
                            },
                            {
                                "text": (
                                    "Tell the companion openly that you suspect him of trafficking"
                                ),
                                "correct": False,
                                "feedback": (
                                    "Confronting him at the counter can put her at risk and may "
                                    "make him leave or warn others."
                                ),
                            },
                            {
                                "text": "Question her at the counter in front of him, to save time",
                                "correct": False,
                                "feedback": (
                                    "She will not speak freely in front of him. Use a private "
                                    "room, out of his sight."
                                ),
                            },
                            {
                                "text": "Ask the companion to come along and interpret for her",
                                "correct": False,
                                "feedback": (
                                    "Never use the companion as an interpreter. He may be the "
                                    "trafficker."
                                ),
                            },
                        ],
                        "explanation": (
                            "Separate the person using a routine reason, then talk in a private "
                            "room with an independent interpreter and, for a woman, a female "
                            "officer if she wishes."
                        ),
                    },
                    {
                        "type": "matching",
                        "stem": (
                            "Match each form of exploitation to an indicator that should make you "
                            "consider it."
                        ),
                        "points": 2,
                        "partial_credit": True,
                        "pairs": [
                            [
                                "Forced labour in fishing, construction or factories",
                                "Recruitment fees, withheld wages and confiscated documents",
                            ],
                            [
                                "Sexual exploitation",
                                "Vague job offers as a waitress, hostess or dancer",
                            ],
                            [
                                "Forced criminality in online scam compounds",
                                (
                                    'Highly paid "IT" or "customer service" jobs needing no '
                                    "qualifications"
                                ),
                            ],
                        ],
                        "explanation": (
                            "Knowing the typical job offers and conditions for each form of "
                            "exploitation helps you ask the right questions."
                        ),
                    },
                    {
                        "type": "ordering",
                        "stem": (
                            "At a land crossing, nine workers in a minibus show indicators of "
                            "trafficking, and the driver holds all their border passes. Put the "
                            "officer's first actions in the correct order."
                        ),
                        "points": 2,
                        "partial_credit": False,
                        "items": [
                            "Hold the vehicle for a routine secondary check",
                            (
                                "Take the workers aside, away from the driver, with an independent "
                                "interpreter"
                            ),
                            "Ask each of them about debts, documents, wages and freedom to leave",
                            "Contact the anti-trafficking focal point under the national procedure",
                        ],
                        "explanation": (
                            "Stop the vehicle without alerting the driver, separate the workers, "
                            "talk to them safely, then refer. Do not send them back across the "
                            "border as a quick solution."
                        ),
                    },
                    {
                        "type": "short_text",
                        "stem": (
                            "What is the common name of the protocol, adopted in 2000, whose "
                            "Article 3 defines trafficking in persons?"
                        ),
                        "points": 1,
                        "accepted": ["Palermo Protocol", "the Palermo Protocol", "Palermo"],
                        "explanation": (
                            "The Palermo Protocol supplements the UN Convention against "
                            "Transnational Organized Crime. ACTIP (2015) uses the same definition."
                        ),
                    },
                    {
                        "type": "single",
                        "stem": (
                            "Under the national referral mechanism in most ASEAN Member States, "
                            "who usually makes the formal decision that a person is a victim of "
                            "trafficking?"
                        ),
                        "points": 1,
                        "options": [
                            {
                                "text": "The frontline officer who first meets the person",
                                "correct": False,
                                "feedback": (
                                    "Frontline officers identify possible victims and refer them. "
                                    "They do not usually make the formal decision."
                                ),
                            },
                            {
                                "text": "Designated officials or a multidisciplinary team",
                                "correct": True,
                                "feedback": (
                                    "Correct. Police, social workers, labour inspectors, "
                                    "immigration officers and sometimes NGOs work together under "
                                    "the NRM."
                                ),
                            },
                            {
                                "text": "The person's employer or recruitment agency",
                                "correct": False,
                                "feedback": (
                                    "The employer or recruiter may be involved in the exploitation "
                                    "and must never receive information about the victim."
                                ),
                            },
                            {
                                "text": "The consulate of the person's country",
                                "correct": False,
                                "feedback": (
                                    "Consular contact is made only where it is safe and the person "
                                    "wants it. The consulate does not decide victim status."
                                ),
                            },
                        ],
                        "explanation": (
                            "Frontline officers identify, protect, refer and record. Know who your "
                            "focal points are before you need them."
                        ),
                    },
                    {
                        "type": "true_false",
                        "stem": (
                            "If a person's age is uncertain and there are reasons to believe they "
                            "are under 18, you should treat them as a child until their age is "
                            "verified."
                        ),
                        "points": 1,
                        "correct_answer": True,
                        "explanation": (
                            "Child-protection procedures then apply: contact the child-protection "
                            "or social welfare authority immediately, and remember that the means "
                            "element is not required for a child."
                        ),
                    },
                    {
                        "type": "multiple",
                        "stem": (
                            "You suspect that a traveller is a victim of trafficking. Which of "
                            "these are immediate needs to attend to? Select all that apply."
                        ),
                        "points": 2,
                        "partial_credit": True,
                        "options": [
                            {
                                "text": (
                                    "Safety: keep the person away from the companion or recruiter"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. Also consider whether the person or their family is "
                                    "at risk of retaliation."
                                ),
                            },
                            {
                                "text": "Health: injuries, illness, pregnancy or severe distress",
                                "correct": True,
                                "feedback": "Correct. These may need urgent care.",
                            },
                            {
                                "text": "Basic needs: food, water, rest and a place to sleep",
                                "correct": True,
                                "feedback": (
                                    "Correct. A frightened, exhausted person cannot give a clear "
                                    "account."
                                ),
                            },
                            {
                                "text": "A full evidential statement before any help is given",
                                "correct": False,
                                "feedback": (
                                    "Full statements are taken later by trained investigators. "
                                    "Help does not depend on a statement."
                                ),
                            },
                            {
                                "text": "Immediate return to the home country",
                                "correct": False,
                                "feedback": (
                                    "Return without a risk assessment can put the person back in "
                                    "the hands of the traffickers."
                                ),
                            },
                        ],
                        "explanation": (
                            "Safety, health, basic needs and communication come first. The person "
                            "is a possible victim of a serious crime and a possible witness."
                        ),
                    },
                ],
                "th": [
                    {
                        "type": "single",
                        "stem": "ข้อใดเป็นตัวอย่างขององค์ประกอบด้าน<i>การกระทำ</i>ของการค้ามนุษย์",
                        "points": 1,
                        "options": [
                            {
                                "text": "การให้ที่พักพิงแก่บุคคลในบ้านหลังหนึ่งจนกว่าจะถูกพาไปที่อื่นต่อ",
                                "correct": True,
                                "feedback": (
                                    "ถูกต้อง การจัดหา การขนส่ง การส่งต่อ การให้ที่พักพิง และการรับบุคคล "
                                    "คือการกระทำ"
                                ),
                            },
                            {
                                "text": "การหลอกลวงบุคคลเรื่องค่าจ้าง",
                                "correct": False,
                                "feedback": "การหลอกลวงเป็นวิธีการ ไม่ใช่การกระทำ",
                            },
                            {
                                "text": "การบังคับให้บุคคลทำงานโดยไม่ได้รับค่าจ้าง",
                                "correct": False,
                                "feedback": (
                                    "การบังคับใช้แรงงานเป็นรูปแบบหนึ่งของการแสวงประโยชน์ "
                                    "ซึ่งเป็นองค์ประกอบด้านวัตถุประสงค์"
                                ),
                            },
                            {
                                "text": "การข่มขู่ครอบครัวของบุคคลนั้น",
                                "correct": False,
                                "feedback": "การข่มขู่เป็นวิธีการ ไม่ใช่การกระทำ",
                            },
                        ],
                        "explanation": (
                            "การกระทำคือสิ่งที่ทำ ได้แก่ การจัดหา การขนส่ง การส่งต่อ การให้ที่พักพิง หรือการรับบุคคล"
                        ),
                    },
                    {
                        "type": "true_false",
                        "stem": "การค้ามนุษย์ต้องมีการข้ามพรมแดนระหว่างประเทศเสมอ",
                        "points": 1,
                        "correct_answer": False,
                        "explanation": (
                            "ผู้เสียหายจำนวนมากถูกค้าภายในประเทศของตนเอง "
                            "การข้ามพรมแดนระหว่างประเทศโดยผิดกฎหมายเป็นองค์ประกอบของการลักลอบขนผู้ย้ายถิ่น "
                            "ไม่ใช่ของการค้ามนุษย์"
                        ),
                    },
                    {
                        "type": "true_false",
                        "stem": (
                            "ที่ชายแดน ท่านต้องมีหลักฐานว่าการแสวงประโยชน์เกิดขึ้นแล้ว "
                            "จึงจะดำเนินการเมื่อสงสัยว่าเป็นการค้ามนุษย์ได้"
                        ),
                        "points": 1,
                        "correct_answer": False,
                        "explanation": (
                            "ท่านเพียงต้องมีเหตุอันควรสงสัยว่าบุคคลนั้นถูกพาเดินทางเพื่อวัตถุประสงค์ในการแสวงประโยชน์ "
                            "ส่วนการพิสูจน์ความผิดเป็นหน้าที่ของพนักงานสอบสวนและพนักงานอัยการในภายหลัง"
                        ),
                    },
                    {
                        "type": "numeric",
                        "stem": (
                            "หากผู้เสียหายเป็นผู้ใหญ่ ต้องครบองค์ประกอบตามนิยามของพิธีสารปาแลร์โมกี่ประการ "
                            "จึงจะเป็นการค้ามนุษย์"
                        ),
                        "points": 1,
                        "answer": "3",
                        "tolerance": "0",
                        "unit": "",
                        "explanation": (
                            "สามประการ คือ การกระทำ วิธีการ และวัตถุประสงค์ กรณีเด็กไม่ต้องมีองค์ประกอบด้านวิธีการ"
                        ),
                    },
                    {
                        "type": "multiple",
                        "stem": "ข้อใดเป็น<i>วิธีการ</i>ตามนิยามของพิธีสารปาแลร์โม (เลือกได้มากกว่าหนึ่งข้อ)",
                        "points": 2,
                        "partial_credit": True,
                        "options": [
                            {
                                "text": "การใช้ประโยชน์จากสภาวะเปราะบาง",
                                "correct": True,
                                "feedback": "ถูกต้อง เป็นหนึ่งในวิธีการ",
                            },
                            {
                                "text": "การฉ้อฉลหรือการหลอกลวง",
                                "correct": True,
                                "feedback": (
                                    "ถูกต้อง การหลอกลวงเรื่องงาน หนี้สิน หรือสภาพการทำงานเป็นวิธีการที่พบบ่อย"
                                ),
                            },
                            {
                                "text": "การให้เงินหรือผลประโยชน์แก่ผู้ที่มีอำนาจควบคุมเหนือผู้เสียหาย",
                                "correct": True,
                                "feedback": "ถูกต้อง เป็นหนึ่งในวิธีการ",
                            },
                            {
                                "text": "การข้ามพรมแดนโดยไม่มีวีซ่า",
                                "correct": False,
                                "feedback": (
                                    "การข้ามแดนโดยผิดกฎหมายไม่ใช่วิธีการ "
                                    "แต่เป็นส่วนหนึ่งของนิยามการลักลอบขนผู้ย้ายถิ่น"
                                ),
                            },
                            {
                                "text": "การเดินทางเป็นกลุ่มโดยมีผู้คุมมา",
                                "correct": False,
                                "feedback": "อาจเป็นข้อบ่งชี้ด้านรูปแบบการเดินทาง แต่ไม่ใช่วิธีการตามนิยาม",
                            },
                        ],
                        "explanation": (
                            "วิธีการ ได้แก่ การข่มขู่หรือการใช้กำลังหรือการบังคับในรูปแบบอื่น การลักพาตัว การฉ้อฉล "
                            "การหลอกลวง การใช้อำนาจโดยมิชอบหรือการใช้ประโยชน์จากสภาวะเปราะบาง "
                            "และการให้เงินหรือผลประโยชน์แก่ผู้ที่มีอำนาจควบคุมเหนือผู้เสียหาย"
                        ),
                    },
                    {
                        "type": "single",
                        "stem": (
                            "ท่านต้องการพูดคุยเป็นการส่วนตัวกับหญิงคนหนึ่งซึ่งผู้ร่วมเดินทางเป็นผู้ควบคุมเอกสารของเธอ "
                            "ท่านควรแยกเธอออกจากชายคนนั้นอย่างไร"
                        ),
                        "points": 1,
                        "options": [
                            {
                                "text": (
                                    "อ้างเหตุผลตามปกติ เช่น การตรวจเอกสารเพิ่มเติม เพื่อไม่ให้ผู้ร่วมเดินทางไหวตัว"
                                ),
                                "correct": True,
                                "feedback": (
                                    "ถูกต้อง การอ้างเหตุผลตามปกติช่วยคุ้มครองหญิงคนนั้น "
                                    "และไม่ทำให้ผู้ร่วมเดินทางเกิดความสงสัย"
                                ),
                            },
                            {
                                "text": "บอกผู้ร่วมเดินทางตรง ๆ ว่าท่านสงสัยว่าเขาค้ามนุษย์",
                                "correct": False,
                                "feedback": (
                                    "การเผชิญหน้ากับเขาที่ช่องตรวจอาจทำให้เธอตกอยู่ในอันตราย "
                                    "และอาจทำให้เขาหลบหนีหรือแจ้งเตือนผู้อื่น"
                                ),
                            },
                            {
                                "text": "สอบถามเธอที่ช่องตรวจต่อหน้าเขาเพื่อประหยัดเวลา",
                                "correct": False,
                                "feedback": (
                                    "เธอจะไม่กล้าพูดอย่างอิสระต่อหน้าเขา ให้ใช้ห้องที่เป็นส่วนตัวและพ้นสายตาเขา"
                                ),
                            },
                            {
                                "text": "ขอให้ผู้ร่วมเดินทางมาเป็นล่ามให้เธอ",
                                "correct": False,
                                "feedback": "ห้ามใช้ผู้ร่วมเดินทางเป็นล่าม เขาอาจเป็นผู้ค้ามนุษย์เอง",
                            },
                        ],
                        "explanation": (
                            "แยกตัวบุคคลนั้นโดยอ้างเหตุผลตามปกติ แล้วพูดคุยในห้องที่เป็นส่วนตัวผ่านล่ามที่เป็นอิสระ "
                            "และจัดเจ้าหน้าที่หญิงให้หากผู้หญิงคนนั้นประสงค์"
                        ),
                    },
                    {
                        "type": "matching",
                        "stem": "จงจับคู่รูปแบบการแสวงประโยชน์แต่ละรูปแบบกับข้อบ่งชี้ที่ควรทำให้ท่านนึกถึงรูปแบบนั้น",
                        "points": 2,
                        "partial_credit": True,
                        "pairs": [
                            [
                                "การบังคับใช้แรงงานในงานประมง ก่อสร้าง หรือโรงงาน",
                                "ค่าหัวคิว การค้างจ่ายค่าจ้าง และการยึดเอกสาร",
                            ],
                            [
                                "การแสวงประโยชน์ทางเพศ",
                                "ข้อเสนองานที่คลุมเครือ เช่น พนักงานเสิร์ฟ พนักงานต้อนรับ หรือนักเต้น",
                            ],
                            [
                                "การบังคับให้กระทำความผิดในแหล่งหลอกลวงทางออนไลน์",
                                'งาน "ไอที" หรือ "บริการลูกค้า" เงินเดือนสูงที่ไม่ต้องมีคุณสมบัติ',
                            ],
                        ],
                        "explanation": (
                            "การรู้ลักษณะข้อเสนองานและสภาพการทำงานของการแสวงประโยชน์แต่ละรูปแบบ "
                            "ช่วยให้ท่านถามคำถามได้ตรงประเด็น"
                        ),
                    },
                    {
                        "type": "ordering",
                        "stem": (
                            "ที่ด่านทางบก แรงงานเก้าคนในรถตู้มีข้อบ่งชี้การค้ามนุษย์ "
                            "และคนขับรถเป็นผู้เก็บบัตรผ่านแดนของทุกคนไว้ "
                            "จงเรียงลำดับการดำเนินการเบื้องต้นของเจ้าหน้าที่ให้ถูกต้อง"
                        ),
                        "points": 2,
                        "partial_credit": False,
                        "items": [
                            "ให้รถจอดเพื่อตรวจขั้นที่สองตามปกติ",
                            "แยกแรงงานออกห่างจากคนขับ โดยมีล่ามที่เป็นอิสระ",
                            "สอบถามแต่ละคนเรื่องหนี้สิน เอกสาร ค่าจ้าง และอิสระในการออกจากงาน",
                            "ติดต่อผู้ประสานงานด้านการต่อต้านการค้ามนุษย์ตามขั้นตอนระดับชาติ",
                        ],
                        "explanation": (
                            "ให้รถจอดโดยไม่ทำให้คนขับไหวตัว แยกแรงงานออกมา พูดคุยอย่างปลอดภัย แล้วจึงส่งต่อ "
                            "อย่าส่งแรงงานกลับข้ามแดนเพื่อให้เรื่องจบเร็ว"
                        ),
                    },
                    {
                        "type": "short_text",
                        "stem": (
                            "พิธีสารที่ได้รับการรับรองเมื่อ พ.ศ. 2543 (ค.ศ. 2000) ซึ่งข้อ 3 นิยามการค้ามนุษย์ไว้ "
                            "มีชื่อเรียกโดยทั่วไปว่าอะไร"
                        ),
                        "points": 1,
                        "accepted": ["พิธีสารปาแลร์โม", "ปาแลร์โม", "Palermo Protocol", "Palermo"],
                        "explanation": (
                            "พิธีสารปาแลร์โมจัดทำขึ้นเพื่อเสริม "
                            "อนุสัญญาสหประชาชาติเพื่อต่อต้านอาชญากรรมข้ามชาติที่จัดตั้งในลักษณะองค์กร และ ACTIP "
                            "(พ.ศ. 2558) ก็ใช้นิยามเดียวกัน"
                        ),
                    },
                    {
                        "type": "single",
                        "stem": (
                            "ภายใต้กลไกการส่งต่อระดับชาติในประเทศสมาชิกอาเซียนส่วนใหญ่ "
                            "ผู้ใดมักเป็นผู้ตัดสินอย่างเป็นทางการว่าบุคคลใดเป็นผู้เสียหายจากการค้ามนุษย์"
                        ),
                        "points": 1,
                        "options": [
                            {
                                "text": "เจ้าหน้าที่ด่านหน้าที่พบบุคคลนั้นเป็นคนแรก",
                                "correct": False,
                                "feedback": (
                                    "เจ้าหน้าที่ด่านหน้าระบุตัวผู้ที่อาจเป็นผู้เสียหายและส่งต่อ "
                                    "แต่โดยทั่วไปไม่ได้เป็นผู้ตัดสินอย่างเป็นทางการ"
                                ),
                            },
                            {
                                "text": "เจ้าหน้าที่ที่ได้รับมอบหมายหรือทีมสหวิชาชีพ",
                                "correct": True,
                                "feedback": (
                                    "ถูกต้อง ตำรวจ นักสังคมสงเคราะห์ พนักงานตรวจแรงงาน "
                                    "เจ้าหน้าที่ตรวจคนเข้าเมือง และบางครั้งองค์กรพัฒนาเอกชน ทำงานร่วมกันภายใต้ "
                                    "NRM"
                                ),
                            },
                            {
                                "text": "นายจ้างหรือบริษัทจัดหางานของบุคคลนั้น",
                                "correct": False,
                                "feedback": (
                                    "นายจ้างหรือนายหน้าอาจมีส่วนในการแสวงประโยชน์ "
                                    "และต้องไม่ได้รับข้อมูลใดเกี่ยวกับผู้เสียหาย"
                                ),
                            },
                            {
                                "text": "สถานกงสุลของประเทศที่บุคคลนั้นถือสัญชาติ",
                                "correct": False,
                                "feedback": (
                                    "การติดต่อสถานกงสุลทำเฉพาะเมื่อปลอดภัยและบุคคลนั้นต้องการ "
                                    "สถานกงสุลไม่ได้เป็นผู้ตัดสินสถานะผู้เสียหาย"
                                ),
                            },
                        ],
                        "explanation": (
                            "เจ้าหน้าที่ด่านหน้ามีหน้าที่ระบุตัว คุ้มครอง ส่งต่อ และบันทึก "
                            "ท่านควรรู้ว่าผู้ประสานงานของท่านคือใครก่อนที่จะต้องใช้"
                        ),
                    },
                    {
                        "type": "true_false",
                        "stem": (
                            "หากไม่แน่ใจเรื่องอายุของบุคคลใด และมีเหตุให้เชื่อว่าบุคคลนั้นอายุต่ำกว่า 18 ปี "
                            "ท่านควรปฏิบัติต่อบุคคลนั้นในฐานะเด็กจนกว่าจะพิสูจน์อายุได้"
                        ),
                        "points": 1,
                        "correct_answer": True,
                        "explanation": (
                            "จากนั้นต้องใช้ขั้นตอนการคุ้มครองเด็ก "
                            "โดยติดต่อหน่วยงานคุ้มครองเด็กหรือหน่วยงานด้านสวัสดิการสังคมทันที "
                            "และพึงจำไว้ว่ากรณีเด็กไม่ต้องมีองค์ประกอบด้านวิธีการ"
                        ),
                    },
                    {
                        "type": "multiple",
                        "stem": (
                            "ท่านสงสัยว่าผู้เดินทางคนหนึ่งเป็นผู้เสียหายจากการค้ามนุษย์ "
                            "ข้อใดเป็นความจำเป็นเร่งด่วนที่ต้องดูแล (เลือกได้มากกว่าหนึ่งข้อ)"
                        ),
                        "points": 2,
                        "partial_credit": True,
                        "options": [
                            {
                                "text": "ความปลอดภัย: แยกบุคคลนั้นให้ห่างจากผู้ร่วมเดินทางหรือนายหน้า",
                                "correct": True,
                                "feedback": (
                                    "ถูกต้อง และพิจารณาด้วยว่าบุคคลนั้นหรือครอบครัวเสี่ยงต่อการถูกแก้แค้นหรือไม่"
                                ),
                            },
                            {
                                "text": (
                                    "สุขภาพ: การบาดเจ็บ การเจ็บป่วย การตั้งครรภ์ หรือความทุกข์ใจอย่างรุนแรง"
                                ),
                                "correct": True,
                                "feedback": "ถูกต้อง สิ่งเหล่านี้อาจต้องได้รับการดูแลเร่งด่วน",
                            },
                            {
                                "text": "ความต้องการพื้นฐาน: อาหาร น้ำ การพักผ่อน และที่นอน",
                                "correct": True,
                                "feedback": "ถูกต้อง คนที่หวาดกลัวและอ่อนล้าไม่สามารถเล่าเรื่องได้อย่างชัดเจน",
                            },
                            {
                                "text": "การบันทึกปากคำอย่างละเอียดก่อนให้ความช่วยเหลือใด ๆ",
                                "correct": False,
                                "feedback": (
                                    "การบันทึกปากคำอย่างละเอียดทำในภายหลังโดยพนักงานสอบสวนที่ได้รับการฝึกอบรม "
                                    "ความช่วยเหลือไม่ขึ้นอยู่กับการให้ปากคำ"
                                ),
                            },
                            {
                                "text": "การส่งกลับประเทศต้นทางทันที",
                                "correct": False,
                                "feedback": (
                                    "การส่งกลับโดยไม่ประเมินความเสี่ยง "
                                    "อาจทำให้บุคคลนั้นกลับไปอยู่ในมือของผู้ค้ามนุษย์อีกครั้ง"
                                ),
                            },
                        ],
                        "explanation": (
                            "ความปลอดภัย สุขภาพ ความต้องการพื้นฐาน และการสื่อสาร ต้องมาก่อน "
                            "บุคคลนั้นอาจเป็นผู้เสียหายจากอาชญากรรมร้ายแรงและอาจเป็นพยาน"
                        ),
                    },
                ],
            },
        },
        "pre_test": {
            "en": {
                "title": "TIP-101 pre-test",
                "intro": (
                    "Answer these questions before you start the course, to see what you already "
                    "know about trafficking in persons. The questions are drawn at random from the "
                    "course question bank, so colleagues may see different ones. Do not worry if "
                    "you cannot answer them all yet: the course covers every topic."
                ),
            },
            "th": {
                "title": "แบบทดสอบก่อนเรียน TIP-101",
                "intro": (
                    "ตอบคำถามเหล่านี้ก่อนเริ่มเรียน เพื่อดูว่าท่านมีความรู้เรื่องการค้ามนุษย์อยู่แล้วมากน้อยเพียงใด "
                    "คำถามสุ่มมาจากคลังข้อสอบของหลักสูตร เพื่อนร่วมงานจึงอาจได้คำถามต่างจากท่าน "
                    "ไม่ต้องกังวลหากยังตอบไม่ได้ทุกข้อ เพราะหลักสูตรครอบคลุมทุกหัวข้อ"
                ),
            },
            "draw": 6,
        },
        "post_test": {
            "en": {
                "title": "TIP-101 post-test",
                "intro": (
                    "Answer these questions after you have completed all three modules. They are "
                    "drawn at random from the same question bank as the pre-test, so you can "
                    "compare the two results and see what you have learnt."
                ),
            },
            "th": {
                "title": "แบบทดสอบหลังเรียน TIP-101",
                "intro": (
                    "ตอบคำถามเหล่านี้หลังจากเรียนครบทั้งสามโมดูลแล้ว "
                    "คำถามสุ่มมาจากคลังข้อสอบเดียวกับแบบทดสอบก่อนเรียน "
                    "ท่านจึงเปรียบเทียบผลทั้งสองครั้งและเห็นได้ว่าได้เรียนรู้อะไรไปบ้าง"
                ),
            },
            "draw": 6,
        },
    },
    "WLC-101": {
        "modules": {
            "wildlife-crime-and-cites": {
                "en": [
                    {
                        "type": "matching",
                        "stem": "Match each CITES Appendix to what it means at the border.",
                        "points": 2,
                        "partial_credit": True,
                        "pairs": [
                            [
                                "Appendix I",
                                (
                                    "Threatened with extinction: export and import permits, no "
                                    "primarily commercial trade"
                                ),
                            ],
                            [
                                "Appendix II",
                                (
                                    "Not necessarily threatened now: an export permit or re-export "
                                    "certificate is needed"
                                ),
                            ],
                            [
                                "Appendix III",
                                (
                                    "Listed by one Party that has asked other Parties to help "
                                    "control trade"
                                ),
                            ],
                        ],
                        "explanation": (
                            "The Appendix tells you which documents a listed specimen needs. "
                            "Pangolins and the Indian star tortoise are in Appendix I; Siamese "
                            "rosewood and agarwood are in Appendix II."
                        ),
                    },
                    {
                        "type": "numeric",
                        "stem": (
                            "For how many months, at most, from the date of issue is a CITES "
                            "export permit valid?"
                        ),
                        "points": 1,
                        "answer": "6",
                        "tolerance": "0",
                        "unit": "months",
                        "explanation": (
                            "An export permit is valid for no more than six months from the date "
                            "of issue. An expired permit does not cover the shipment."
                        ),
                    },
                    {
                        "type": "multiple",
                        "stem": (
                            "An importer presents a CITES export permit for a consignment. Which "
                            "checks should you make? Select all that apply."
                        ),
                        "points": 2,
                        "partial_credit": True,
                        "options": [
                            {
                                "text": "It is the original, not a photocopy, scan or fax",
                                "correct": True,
                                "feedback": "Correct. Only the original document is valid.",
                            },
                            {
                                "text": (
                                    "The scientific name, appendix, quantity and description match "
                                    "the goods exactly"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. A permit for one species does not cover a "
                                    "similar-looking one."
                                ),
                            },
                            {
                                "text": (
                                    "The exporter, importer and route match the airway bill or "
                                    "bill of lading"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. A mismatch between the permit and the transport "
                                    "documents is a warning sign."
                                ),
                            },
                            {
                                "text": (
                                    "The goods look broadly similar to the species named on the "
                                    "permit"
                                ),
                                "correct": False,
                                "feedback": (
                                    "A broad resemblance is not enough. The goods must match the "
                                    "permit exactly."
                                ),
                            },
                            {
                                "text": (
                                    "The importer has signed a statement that the goods are legal"
                                ),
                                "correct": False,
                                "feedback": (
                                    "The importer's own statement does not replace a valid permit. "
                                    "If in doubt, ask the Management Authority to verify it."
                                ),
                            },
                        ],
                        "explanation": (
                            "CITES documents must be originals, still valid, and an exact match "
                            "for the goods and the shipping papers. If in doubt, hold the goods "
                            "and ask your Management Authority to verify the permit with the "
                            "issuing country."
                        ),
                    },
                    {
                        "type": "true_false",
                        "stem": "CITES bans all international trade in wild animals and plants.",
                        "points": 1,
                        "correct_answer": False,
                        "explanation": (
                            "CITES does not ban all trade. It regulates international trade in "
                            "listed species through permits and certificates, and trade in "
                            "Appendix I species for primarily commercial purposes is not allowed."
                        ),
                    },
                    {
                        "type": "single",
                        "stem": (
                            'A CITES export permit for live tortoises shows the source code "C". '
                            "What does this mean, and why should you look carefully?"
                        ),
                        "points": 1,
                        "options": [
                            {
                                "text": (
                                    "Bred in captivity; false claims of captive breeding are a "
                                    "common way to launder wild-caught animals"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. Be especially careful with species that are slow or "
                                    "hard to breed."
                                ),
                            },
                            {
                                "text": (
                                    "Confiscated; the animals were seized earlier and are being "
                                    "sent to a rescue centre"
                                ),
                                "correct": False,
                                "feedback": (
                                    'Source code "C" means bred in captivity, not confiscated.'
                                ),
                            },
                            {
                                "text": (
                                    "Commercial; the shipment may be traded in any quantity "
                                    "without further checks"
                                ),
                                "correct": False,
                                "feedback": (
                                    "Source codes describe where the specimens came from. No code "
                                    "removes the need for checks."
                                ),
                            },
                            {
                                "text": (
                                    "Certified by customs in the exporting country; no further "
                                    "checks are needed"
                                ),
                                "correct": False,
                                "feedback": (
                                    "Source codes describe origin, not a customs certification. "
                                    "The permit still has to be checked."
                                ),
                            },
                        ],
                        "explanation": (
                            '"W" means taken from the wild and "C" means bred in captivity. If a '
                            "claim of captive breeding looks doubtful, ask the Management "
                            "Authority to check it with the exporting country."
                        ),
                    },
                    {
                        "type": "short_text",
                        "stem": (
                            "Every CITES Party has an authority that issues and checks CITES "
                            "permits. What is it called?"
                        ),
                        "points": 1,
                        "accepted": [
                            "Management Authority",
                            "CITES Management Authority",
                            "the Management Authority",
                            "the CITES Management Authority",
                        ],
                        "explanation": (
                            "The Management Authority issues and checks permits; the Scientific "
                            "Authority advises on whether trade harms the survival of a species. "
                            "Ask your Management Authority to verify any doubtful permit."
                        ),
                    },
                ],
            },
            "species-and-concealment": {
                "en": [
                    {
                        "type": "single",
                        "stem": (
                            "A small carved figure is declared as resin. On a cut surface at the "
                            "base you see a criss-cross pattern of lines. What does this suggest?"
                        ),
                        "points": 1,
                        "options": [
                            {
                                "text": "Elephant ivory",
                                "correct": True,
                                "feedback": (
                                    "Correct. The criss-cross Schreger lines are found in elephant "
                                    "ivory. Detain the item and arrange expert identification."
                                ),
                            },
                            {
                                "text": "Bone",
                                "correct": False,
                                "feedback": (
                                    "Bone imitations lack the criss-cross pattern of elephant "
                                    "ivory."
                                ),
                            },
                            {
                                "text": "Resin, as declared",
                                "correct": False,
                                "feedback": (
                                    "Resin imitations lack the criss-cross pattern of elephant "
                                    "ivory."
                                ),
                            },
                        ],
                        "explanation": (
                            "A cut surface of elephant ivory shows Schreger lines, which bone and "
                            "resin imitations lack. Ivory may also be painted, coated or cut to "
                            "look like wood."
                        ),
                    },
                    {
                        "type": "short_text",
                        "stem": (
                            "Pangolin scales and rhino horn are both made of the same material. "
                            "What is it?"
                        ),
                        "points": 1,
                        "accepted": ["keratin"],
                        "explanation": (
                            "Pangolin scales are hard plates of keratin, and rhino horn is "
                            "compressed keratin, not bone."
                        ),
                    },
                    {
                        "type": "matching",
                        "stem": (
                            "Match each route to a concealment method that seizures in the region "
                            "show is common on it."
                        ),
                        "points": 2,
                        "partial_credit": True,
                        "pairs": [
                            [
                                "Air passengers",
                                "Ivory or horn wrapped in foil or carbon paper in checked baggage",
                            ],
                            [
                                "Air cargo, courier and post",
                                "Small parcels declared as handicrafts, samples or dried food",
                            ],
                            [
                                "Sea containers",
                                (
                                    "Scales hidden behind legitimate cargo such as timber or "
                                    "cashew nuts"
                                ),
                            ],
                            [
                                "Land and river crossings",
                                "Trucks with false floors or modified fuel tanks",
                            ],
                        ],
                        "explanation": (
                            "Traffickers use the same methods again and again. Knowing them helps "
                            "you choose what to inspect."
                        ),
                    },
                    {
                        "type": "multiple",
                        "stem": (
                            "Which of these are risk indicators in the paperwork for a shipment? "
                            "Select all that apply."
                        ),
                        "points": 2,
                        "partial_credit": True,
                        "options": [
                            {
                                "text": (
                                    "A newly registered consignee or a shipper with no trading "
                                    "history"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. New or unknown parties are a classic risk indicator."
                                ),
                            },
                            {
                                "text": (
                                    "A declared weight or density that does not match the goods"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. A mismatch can point to something hidden in the "
                                    "cargo."
                                ),
                            },
                            {
                                "text": (
                                    "Cash payment of freight and last-minute changes to the "
                                    "consignee or route"
                                ),
                                "correct": True,
                                "feedback": "Correct. Both are common in trafficking shipments.",
                            },
                            {
                                "text": (
                                    "A long trading history with the same consignee and valid "
                                    "permits"
                                ),
                                "correct": False,
                                "feedback": (
                                    "A known trader with a history and valid permits is lower "
                                    "risk, although random checks still apply."
                                ),
                            },
                            {
                                "text": (
                                    "A precise description of the goods that matches the invoice"
                                ),
                                "correct": False,
                                "feedback": (
                                    "The indicator is a vague description, or goods that make no "
                                    "commercial sense for the route."
                                ),
                            },
                        ],
                        "explanation": (
                            "Use combinations of indicators in the declaration, the route and the "
                            "parties to decide what to inspect."
                        ),
                    },
                    {
                        "type": "true_false",
                        "stem": (
                            "Siamese rosewood (Dalbergia cochinchinensis) is listed in CITES "
                            "Appendix II, so an international shipment of it needs an export "
                            "permit or re-export certificate."
                        ),
                        "points": 1,
                        "correct_answer": True,
                        "explanation": (
                            "Siamese rosewood has been in Appendix II since 2013. Timber is often "
                            "declared as a common, unlisted species, so check the declaration "
                            "against the goods."
                        ),
                    },
                    {
                        "type": "numeric",
                        "stem": (
                            "How many pangolin species are there, all of them listed in CITES "
                            "Appendix I?"
                        ),
                        "points": 1,
                        "answer": "8",
                        "tolerance": "0",
                        "unit": "species",
                        "explanation": (
                            "All eight pangolin species, four in Asia and four in Africa, have "
                            "been in Appendix I since January 2017."
                        ),
                    },
                ],
            },
            "seizure-and-evidence": {
                "en": [
                    {
                        "type": "ordering",
                        "stem": (
                            "You find sacks of suspected pangolin scales in a truck. Put these "
                            "evidence steps in the correct order."
                        ),
                        "points": 2,
                        "partial_credit": False,
                        "items": [
                            "Secure the area, limit access and record who is present",
                            "Photograph the items in place, before anything is moved",
                            (
                                "Seal each item with a tamper-evident seal and label it with an "
                                "exhibit number"
                            ),
                            (
                                "Record the hand-over on the chain-of-custody form, signed by both "
                                "officers"
                            ),
                            "Store the exhibits in a locked room with an access log",
                        ],
                        "explanation": (
                            "Secure, photograph, seal and label, record every transfer, store "
                            "securely. Any gap in the chain gives the defence an easy argument."
                        ),
                    },
                    {
                        "type": "multiple",
                        "stem": (
                            "You have to deal with a seizure of live reptiles and birds. Which of "
                            "these protect you and your colleagues? Select all that apply."
                        ),
                        "points": 2,
                        "partial_credit": True,
                        "options": [
                            {
                                "text": "Wear gloves and a mask, and eye protection with birds",
                                "correct": True,
                                "feedback": (
                                    "Correct. Live animals can bite, scratch and carry disease."
                                ),
                            },
                            {
                                "text": (
                                    "Report every bite or scratch to a doctor and mention the "
                                    "animal contact"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. Diseases such as rabies and avian influenza can pass "
                                    "to people."
                                ),
                            },
                            {
                                "text": (
                                    'Keep closed any bags that may hold snakes, mark them "Live '
                                    'animal: do not open" and call an expert'
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. Do not open bags that may hold snakes or unknown "
                                    "reptiles."
                                ),
                            },
                            {
                                "text": "Open every bag straight away to count the animals",
                                "correct": False,
                                "feedback": (
                                    "Bags that may hold snakes or unknown reptiles should stay "
                                    "closed until an expert arrives."
                                ),
                            },
                            {
                                "text": "Give the animals food and water as soon as possible",
                                "correct": False,
                                "feedback": (
                                    "Do not feed or water animals unless an expert advises it. The "
                                    "wrong food can kill."
                                ),
                            },
                        ],
                        "explanation": (
                            "Protect yourself, keep the animals alive, call experts and document "
                            "everything."
                        ),
                    },
                    {
                        "type": "true_false",
                        "stem": (
                            "Healthy native animals found in a seizure may be released into the "
                            "wild near the border post, to spare them stress."
                        ),
                        "points": 1,
                        "correct_answer": False,
                        "explanation": (
                            "Never release seized animals, even native ones. They may carry "
                            "disease, may not come from that area, and they are evidence. The "
                            "competent authority decides what happens to them."
                        ),
                    },
                    {
                        "type": "single",
                        "stem": (
                            "While you inspect a pickup truck, you find objects that look like "
                            'rhino horn. The driver offers you money to "forget about it". What '
                            "should you do?"
                        ),
                        "points": 1,
                        "options": [
                            {
                                "text": "Refuse the offer and record it in your report",
                                "correct": True,
                                "feedback": (
                                    "Correct. Offering a bribe is a separate offence, and your "
                                    "report protects you."
                                ),
                            },
                            {
                                "text": (
                                    "Refuse the offer but leave it out of your report, as nothing "
                                    "was paid"
                                ),
                                "correct": False,
                                "feedback": (
                                    "Record the offer. It is an offence in itself, and a written "
                                    "report protects you."
                                ),
                            },
                            {
                                "text": "Accept the money, then hand it in with your report",
                                "correct": False,
                                "feedback": (
                                    "Accepting the money makes you part of the offence. Refuse it "
                                    "and record the offer."
                                ),
                            },
                            {
                                "text": "Let the driver go but keep the horn",
                                "correct": False,
                                "feedback": (
                                    "The driver and his phone and documents are key to the "
                                    "investigation. Do not let him go."
                                ),
                            },
                        ],
                        "explanation": (
                            "Bribes offered at the border undermine every other control. Refuse, "
                            "record and report, then continue with the seizure."
                        ),
                    },
                    {
                        "type": "short_text",
                        "stem": (
                            "What is the term for the written record of everyone who held a piece "
                            "of evidence, when and why?"
                        ),
                        "points": 1,
                        "accepted": [
                            "chain of custody",
                            "chain-of-custody",
                            "the chain of custody",
                        ],
                        "explanation": (
                            "A seizure leads to a conviction only if the court can be sure that "
                            "the items produced are the items seized. Every transfer must be "
                            "signed by the person handing over and the person receiving."
                        ),
                    },
                    {
                        "type": "matching",
                        "stem": (
                            "Match each item from a seizure to the reason it must be kept and "
                            "recorded."
                        ),
                        "points": 2,
                        "partial_credit": True,
                        "pairs": [
                            [
                                "Passports, tickets, phones and receipts",
                                "They often lead to the network behind the shipment",
                            ],
                            [
                                "Samples from ivory and rhino horn",
                                "DNA can show where the animals came from and link seizures",
                            ],
                            [
                                "Birds that died before the experts arrived",
                                "They are evidence: record the time of death and keep them chilled",
                            ],
                            [
                                "The timber hiding the scales in a container",
                                "It is part of the concealment",
                            ],
                        ],
                        "explanation": (
                            "Everything connected with a seizure can matter in court or in finding "
                            "the network. Do not clean, treat or dispose of items without legal "
                            "authority."
                        ),
                    },
                ],
            },
        },
    },
    "HRB-101": {
        "modules": {
            "rights-and-non-refoulement": {
                "en": [
                    {
                        "type": "true_false",
                        "stem": (
                            "A person who crosses the border without a passport or visa loses the "
                            "protection of human rights law."
                        ),
                        "points": 1,
                        "correct_answer": False,
                        "explanation": (
                            "A person without documents may have no right to enter, but has not "
                            "lost their human rights. Irregular entry never justifies "
                            "ill-treatment, denial of urgent medical care or return to danger."
                        ),
                    },
                    {
                        "type": "multiple",
                        "stem": (
                            "Which of these actions can amount to refoulement? Select all that "
                            "apply."
                        ),
                        "points": 2,
                        "partial_credit": True,
                        "options": [
                            {
                                "text": (
                                    "Pushing a boat carrying people who fear return back out to sea"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. Non-refoulement applies at sea when a patrol "
                                    "intercepts a boat."
                                ),
                            },
                            {
                                "text": (
                                    "Informally handing people who fear return over to officials "
                                    "on the other side"
                                ),
                                "correct": True,
                                "feedback": "Correct. Informal hand-overs can be refoulement.",
                            },
                            {
                                "text": (
                                    "Sending a person to a third country that will send them on to "
                                    "danger"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. Indirect return to danger is also refoulement."
                                ),
                            },
                            {
                                "text": (
                                    'Referring a person who says "they will kill me" to the asylum '
                                    "authority"
                                ),
                                "correct": False,
                                "feedback": (
                                    "Referral is what the principle requires. It protects the "
                                    "person until their case is assessed."
                                ),
                            },
                            {
                                "text": (
                                    "Letting a transit passenger who fears return wait in a safe "
                                    "place while the competent authority assesses her case"
                                ),
                                "correct": False,
                                "feedback": (
                                    "This respects the principle. The transit area is within the "
                                    "State's jurisdiction."
                                ),
                            },
                        ],
                        "explanation": (
                            "Non-refoulement applies wherever the State exercises jurisdiction: at "
                            "the border line, in airport transit areas and at sea, not only after "
                            "formal entry."
                        ),
                    },
                    {
                        "type": "short_text",
                        "stem": (
                            "What is the name of the principle that forbids sending anyone to a "
                            "place where they would face a real risk of persecution, torture or "
                            "other serious harm?"
                        ),
                        "points": 1,
                        "accepted": [
                            "non-refoulement",
                            "non refoulement",
                            "nonrefoulement",
                            "principle of non-refoulement",
                            "the principle of non-refoulement",
                        ],
                        "explanation": (
                            "Non-refoulement is found in the 1951 Refugee Convention, the "
                            "Convention against Torture, the ICCPR and customary international "
                            "law, which binds all States."
                        ),
                    },
                    {
                        "type": "single",
                        "stem": (
                            "A man suspected of a serious crime is about to be returned. He says "
                            "he will be tortured in his home country. Does the ban on returning "
                            "people to torture apply to him?"
                        ),
                        "points": 1,
                        "options": [
                            {
                                "text": (
                                    "Yes. The ban in Article 3 of the Convention against Torture "
                                    "is absolute and applies even to suspected criminals."
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. Stop the return, record his words and refer him to "
                                    "the competent authority."
                                ),
                            },
                            {
                                "text": (
                                    "No. People suspected of serious crimes are excluded from "
                                    "protection."
                                ),
                                "correct": False,
                                "feedback": (
                                    "The ban on return to torture has no exceptions, even for "
                                    "suspects or people seen as a security risk."
                                ),
                            },
                            {
                                "text": (
                                    "Only if he is recognised as a refugee under the 1951 Refugee "
                                    "Convention."
                                ),
                                "correct": False,
                                "feedback": (
                                    "The Convention against Torture protects everyone, whether or "
                                    "not they are refugees."
                                ),
                            },
                            {
                                "text": (
                                    "Only if your country is a party to the 1951 Refugee "
                                    "Convention."
                                ),
                                "correct": False,
                                "feedback": (
                                    "The rule binds States through other treaties and customary "
                                    "international law, whether or not they are party to the "
                                    "Refugee Convention."
                                ),
                            },
                        ],
                        "explanation": (
                            "The ban on returning anyone to torture is absolute. It applies even "
                            "to people suspected of crimes or seen as a security risk."
                        ),
                    },
                    {
                        "type": "matching",
                        "stem": "Match each legal source to what it provides.",
                        "points": 2,
                        "partial_credit": True,
                        "pairs": [
                            [
                                "1951 Refugee Convention, Article 33(1)",
                                (
                                    "No return of a refugee to where their life or freedom would "
                                    "be threatened"
                                ),
                            ],
                            [
                                "Convention against Torture, Article 3",
                                "An absolute ban on return where there is a danger of torture",
                            ],
                            [
                                "ASEAN Human Rights Declaration, Article 16",
                                "The right to seek and receive asylum",
                            ],
                            ["ICCPR, Article 12", "The right to leave any country"],
                        ],
                        "explanation": (
                            "International treaties, regional declarations and customary law "
                            "together set the rules that border officers apply."
                        ),
                    },
                    {
                        "type": "numeric",
                        "stem": (
                            "The OHCHR Recommended Principles and Guidelines on Human Rights at "
                            "International Borders rest on how many principles?"
                        ),
                        "points": 1,
                        "answer": "3",
                        "tolerance": "0",
                        "unit": "",
                        "explanation": (
                            "Three: the primacy of human rights, non-discrimination, and "
                            "assistance and protection from harm. Ten practical guidelines follow "
                            "from them."
                        ),
                    },
                ],
            },
            "protection-sensitive-screening": {
                "en": [
                    {
                        "type": "ordering",
                        "stem": (
                            "Put the four steps of protection-sensitive screening in the correct "
                            "order."
                        ),
                        "points": 2,
                        "partial_credit": False,
                        "items": [
                            (
                                "Receive: meet immediate needs such as water, food, first aid and "
                                "safety"
                            ),
                            (
                                "Inform: explain where people are, what will happen and that they "
                                "can say if they fear return"
                            ),
                            (
                                "Screen: hold a short individual interview about identity, reasons "
                                "for leaving and fear of return"
                            ),
                            (
                                "Refer: hand over to the competent authority and record the "
                                "referral and the reasons"
                            ),
                        ],
                        "explanation": (
                            "Receive, inform, screen and refer: identify needs first, then send "
                            "each person to the right procedure."
                        ),
                    },
                    {
                        "type": "single",
                        "stem": (
                            "A young person with no documents says he is 17, but a colleague "
                            "thinks he looks older. What should you do?"
                        ),
                        "points": 1,
                        "options": [
                            {
                                "text": (
                                    "Treat him as a child until his age has been assessed by a "
                                    "competent, multidisciplinary process"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. Give the benefit of the doubt when age is in doubt."
                                ),
                            },
                            {
                                "text": (
                                    "Order a single medical test, such as an X-ray, and follow its "
                                    "result"
                                ),
                                "correct": False,
                                "feedback": "No single medical test is reliable on its own.",
                            },
                            {
                                "text": "Treat him as an adult until he can prove his age",
                                "correct": False,
                                "feedback": (
                                    "The benefit of the doubt goes the other way: treat him as a "
                                    "child until age is assessed."
                                ),
                            },
                            {
                                "text": "Accept the age given by an adult travelling with him",
                                "correct": False,
                                "feedback": (
                                    "An adult travelling with a child may not be a parent, and "
                                    "some children are being trafficked."
                                ),
                            },
                        ],
                        "explanation": (
                            "If age is in doubt, treat the person as a child until age has been "
                            "assessed, and refer them to child protection."
                        ),
                    },
                    {
                        "type": "matching",
                        "stem": (
                            "Screening has identified the following people in a mixed group. Match "
                            "each to the right referral."
                        ),
                        "points": 2,
                        "partial_credit": True,
                        "pairs": [
                            [
                                "A woman who says she will be jailed if she is sent home",
                                "The asylum authority or UNHCR",
                            ],
                            [
                                "A 14-year-old travelling with no parent or relative",
                                "The child protection authority",
                            ],
                            [
                                (
                                    "A man whose passport is held by a recruiter to whom he owes a "
                                    "debt"
                                ),
                                "The anti-trafficking unit",
                            ],
                            [
                                "A tourist with valid papers and no protection needs",
                                "Regular immigration procedures",
                            ],
                        ],
                        "explanation": (
                            "Screening sorts and refers. Each person goes to the procedure that "
                            "fits their needs, and you record the referral and the reasons."
                        ),
                    },
                    {
                        "type": "true_false",
                        "stem": (
                            "Children should not be detained because of their own or their "
                            "parents' migration status."
                        ),
                        "points": 1,
                        "correct_answer": True,
                        "explanation": (
                            "Joint general comment No. 4 of the Committee on Migrant Workers and "
                            "No. 23 of the Committee on the Rights of the Child (2017) say so. "
                            "Keep families together unless separation is in the child's best "
                            "interests."
                        ),
                    },
                    {
                        "type": "multiple",
                        "stem": (
                            "Which of these are good practice in a screening interview? Select all "
                            "that apply."
                        ),
                        "points": 2,
                        "partial_credit": True,
                        "options": [
                            {
                                "text": (
                                    "Interview people individually and in private, not in front of "
                                    "the group or a smuggler"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. People will not speak freely in front of others."
                                ),
                            },
                            {
                                "text": "Offer a same-sex officer and interpreter",
                                "correct": True,
                                "feedback": (
                                    "Correct. This can make the difference between a survivor who "
                                    "speaks and one who stays silent."
                                ),
                            },
                            {
                                "text": "Write down key statements in the person's own words",
                                "correct": True,
                                "feedback": (
                                    "Correct. Record what was said without judging credibility at "
                                    "this stage."
                                ),
                            },
                            {
                                "text": (
                                    "Tell the person that what they say will be checked with the "
                                    "authorities of their country"
                                ),
                                "correct": False,
                                "feedback": (
                                    "Explain that what they say is confidential and will not be "
                                    "shared with the authorities of their country."
                                ),
                            },
                            {
                                "text": (
                                    "Ask for full details of traumatic events to test whether the "
                                    "story is true"
                                ),
                                "correct": False,
                                "feedback": (
                                    "Ask only what you need to refer. Credibility is assessed "
                                    "later, by trained decision-makers."
                                ),
                            },
                        ],
                        "explanation": (
                            "Private, individual interviews with a trained interpreter, "
                            "confidentiality and only the questions needed for referral are the "
                            "core of good screening practice."
                        ),
                    },
                    {
                        "type": "short_text",
                        "stem": (
                            "What is the term for a child who is separated from both parents and "
                            "other relatives and is not being cared for by any responsible adult?"
                        ),
                        "points": 1,
                        "accepted": [
                            "unaccompanied",
                            "unaccompanied child",
                            "an unaccompanied child",
                            "unaccompanied minor",
                        ],
                        "explanation": (
                            "An unaccompanied child has no parent, relative or responsible adult "
                            "caring for them. A separated child is apart from parents or the usual "
                            "caregiver but may be with other relatives. Both must be registered "
                            "and referred to child protection."
                        ),
                    },
                ],
            },
            "force-detention-searches": {
                "en": [
                    {
                        "type": "matching",
                        "stem": "Match each principle on the use of force to its meaning.",
                        "points": 2,
                        "partial_credit": True,
                        "pairs": [
                            ["Legality", "The force and its purpose must be allowed by law"],
                            [
                                "Necessity",
                                (
                                    "Force only when non-violent means have failed or clearly will "
                                    "not work"
                                ),
                            ],
                            [
                                "Proportionality",
                                (
                                    "The harm caused must not be out of proportion to the threat "
                                    "or offence"
                                ),
                            ],
                            ["Accountability", "Report every use of force and accept review"],
                        ],
                        "explanation": (
                            "Legality, necessity, proportionality, precaution, non-discrimination "
                            "and accountability are the six questions to ask before using force."
                        ),
                    },
                    {
                        "type": "single",
                        "stem": (
                            "Under the UN Basic Principles on the Use of Force and Firearms, when "
                            "may a border officer use a firearm?"
                        ),
                        "points": 1,
                        "options": [
                            {
                                "text": (
                                    "Against an imminent threat of death or serious injury, when "
                                    "less extreme means are insufficient"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. Intentional lethal use is allowed only when strictly "
                                    "unavoidable to protect life."
                                ),
                            },
                            {
                                "text": (
                                    "To stop any vehicle or boat that fails to stop at a checkpoint"
                                ),
                                "correct": False,
                                "feedback": (
                                    "Firing simply because a vehicle or boat fails to stop does "
                                    "not meet the standards."
                                ),
                            },
                            {
                                "text": "To deter people from crossing the border irregularly",
                                "correct": False,
                                "feedback": (
                                    "Using firearms to deter irregular crossings violates the "
                                    "right to life."
                                ),
                            },
                            {
                                "text": "Whenever a superior officer gives the order",
                                "correct": False,
                                "feedback": (
                                    "Obeying an order is no defence if the order is manifestly "
                                    "unlawful."
                                ),
                            },
                        ],
                        "explanation": (
                            "Firearms are a last resort against a threat to life (Basic Principle "
                            "9), never a tool to enforce compliance."
                        ),
                    },
                    {
                        "type": "true_false",
                        "stem": (
                            "An officer who uses force on the orders of a superior cannot be held "
                            "responsible, even if the order was manifestly unlawful."
                        ),
                        "points": 1,
                        "correct_answer": False,
                        "explanation": (
                            "Obeying an order is no defence if the order was manifestly unlawful "
                            "(Basic Principle 26)."
                        ),
                    },
                    {
                        "type": "ordering",
                        "stem": (
                            "Put these search methods in order, from the least intrusive (first) "
                            "to the most intrusive."
                        ),
                        "points": 2,
                        "partial_credit": False,
                        "items": [
                            "Questions, scanners and bag checks",
                            "Pat-down search",
                            "Strip search, in two stages, by an officer of the same gender",
                            (
                                "Body cavity search, only where the law allows, by a qualified "
                                "health professional"
                            ),
                        ],
                        "explanation": (
                            "Always use the least intrusive method first. Strip searches only when "
                            "absolutely necessary, and cavity searches only where the law allows "
                            "and only by a qualified health professional."
                        ),
                    },
                    {
                        "type": "multiple",
                        "stem": (
                            "A traveller will be held in the holding room at your post for several "
                            "hours. Which safeguards apply? Select all that apply."
                        ),
                        "points": 2,
                        "partial_credit": True,
                        "options": [
                            {
                                "text": (
                                    "Tell them why they are held, in a language they understand, "
                                    "and record the time in the custody register"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. Holding someone for a few hours is already a "
                                    "deprivation of liberty."
                                ),
                            },
                            {
                                "text": "Allow access to a lawyer and contact with family",
                                "correct": True,
                                "feedback": "Correct. These are basic safeguards for anyone held.",
                            },
                            {
                                "text": "Provide food, water, toilets and medical care",
                                "correct": True,
                                "feedback": (
                                    "Correct. Everyone deprived of liberty must be treated with "
                                    "humanity (ICCPR, Article 10)."
                                ),
                            },
                            {
                                "text": (
                                    "Inform their consulate in every case, even if they fear their "
                                    "own authorities"
                                ),
                                "correct": False,
                                "feedback": (
                                    "Inform the consulate only if the person wishes. Never do so "
                                    "against the wishes of someone who fears their own authorities."
                                ),
                            },
                            {
                                "text": (
                                    "Hold everyone in one room, whatever their sex or age, so that "
                                    "one officer can watch them"
                                ),
                                "correct": False,
                                "feedback": (
                                    "Hold women separately from men, and never hold children with "
                                    "unrelated adults."
                                ),
                            },
                        ],
                        "explanation": (
                            "Detention must be lawful, necessary, proportionate and as short as "
                            "possible, and people held must be treated with humanity and respect."
                        ),
                    },
                    {
                        "type": "single",
                        "stem": (
                            "Late at night a family with two young children, who say they fear "
                            "being sent back, arrives at your post. The only holding room holds "
                            "six men arrested for smuggling. Where should the family wait until "
                            "morning?"
                        ),
                        "points": 1,
                        "options": [
                            {
                                "text": (
                                    "In a supervised waiting area, with the family kept together"
                                ),
                                "correct": True,
                                "feedback": (
                                    "Correct. Keep the family together and away from unrelated "
                                    "adult detainees."
                                ),
                            },
                            {
                                "text": (
                                    "In the holding room with the men, as it is only for one night"
                                ),
                                "correct": False,
                                "feedback": (
                                    "Children must never be held with unrelated adults, and women "
                                    "must be held separately from men."
                                ),
                            },
                            {
                                "text": (
                                    "The children in one room and the parents in the holding room"
                                ),
                                "correct": False,
                                "feedback": (
                                    "Keep families together unless separation is in the child's "
                                    "best interests."
                                ),
                            },
                            {
                                "text": "Back across the border, to return in the morning",
                                "correct": False,
                                "feedback": (
                                    "The family has expressed fear of return, so non-refoulement "
                                    "applies. Refer them instead."
                                ),
                            },
                        ],
                        "explanation": (
                            "Record the time, provide food, water and any medical care, and refer "
                            "the family under the national procedure."
                        ),
                    },
                ],
            },
        },
    },
}
