"""What each answer says, as a clause a lawyer would write: "you kept records of …".

The questionnaire asks questions; an opinion states facts. A reasoning step that
quoted "Did you keep records …?: yes" made the reader do the grammar, and read
as if "yes" were the answer even where it was only the value a rule tested.
These clauses state the actual answer instead, in both languages.

`{you}` and `{your}` stand for the person: "you"/"your" in an opinion, "the
user"/"the user's" in a case file (which speaks of the parties, not to them).
`{choice}` is the answer's label, `{n}` a number. A question missing here
falls back to its own text and answer (`prose.fact_clause`), so a new question
reads correctly, if less smoothly, before its clause is written.
"""

from __future__ import annotations

from typing import Final

# question id -> (yes clause, no clause), per language.
YES_NO: Final[dict[str, dict[str, tuple[str, str]]]] = {
    "ai_named_as_author": {
        "en": (
            "an AI system or machine is named as author or co-author of the work",
            "no AI system or machine is named as author of the work",
        ),
        "zh": (
            "人工智能系统或机器被署名为本作品的作者或合作作者",
            "未将人工智能系统或机器署名为本作品的作者",
        ),
    },
    "special_service_work": {
        "en": ("the work is a special service work", "the work is not a special service work"),
        "zh": ("本作品属于特殊职务作品", "本作品不属于特殊职务作品"),
    },
    "larger_human_work": {
        "en": (
            "the work is a larger human-authored work into which AI-generated elements are "
            "incorporated",
            "the work is not a larger human-authored work incorporating AI-generated elements",
        ),
        "zh": (
            "本作品是一部融入了人工智能生成元素、由人类创作的较大作品",
            "本作品不是融入人工智能生成元素的较大人类作品",
        ),
    },
    "records_kept": {
        "en": (
            "{you} kept records of the creative process made at the time",
            "{you} kept no records of the creative process made at the time",
        ),
        "zh": ("{you}保留了创作过程中同步形成的记录", "{you}未保留创作过程中同步形成的记录"),
    },
    "process_reproducible": {
        "en": (
            "{you} can reproduce or demonstrate how the AI output was obtained",
            "{you} cannot reproduce or demonstrate how the AI output was obtained",
        ),
        "zh": (
            "{you}能够复现或演示人工智能生成结果的获得过程",
            "{you}无法复现或演示人工智能生成结果的获得过程",
        ),
    },
    "other_proof": {
        "en": (
            "{you} could prove by other means how the output was made",
            "{you} could not prove by other means how the output was made",
        ),
        "zh": (
            "{you}能够以其他方式证明生成结果的创作过程",
            "{you}无法以其他方式证明生成结果的创作过程",
        ),
    },
    "published": {
        "en": ("the work has been published", "the work has not been published"),
        "zh": ("本作品已发表", "本作品尚未发表"),
    },
    "ai_disclosed": {
        "en": (
            "the application discloses the AI-generated material",
            "the application does not disclose the AI-generated material",
        ),
        "zh": ("登记申请披露了人工智能生成内容", "登记申请未披露人工智能生成内容"),
    },
    "ai_excluded": {
        "en": (
            "the application excludes the AI-generated material from the claim",
            "the application does not exclude the AI-generated material from the claim",
        ),
        "zh": (
            "登记申请将人工智能生成内容排除在权利主张之外",
            "登记申请未将人工智能生成内容排除在权利主张之外",
        ),
    },
    "element_is_prompt": {
        "en": (
            "the element is the text of a prompt, claimed as a work in its own right",
            "the element is not a prompt's text claimed on its own",
        ),
        "zh": (
            "本组成部分是作为独立作品主张权利的提示词文本",
            "本组成部分不是单独主张权利的提示词文本",
        ),
    },
    "prompt_text_creative": {
        "en": (
            "the prompt text is itself creative writing",
            "the prompt text is a short instruction or a list of keywords, not creative writing",
        ),
        "zh": (
            "提示词文本本身属于具有独创性的写作",
            "提示词文本只是简短指令或关键词罗列，不属于独创性写作",
        ),
    },
    "arrangement_creative": {
        "en": (
            "the selection and arrangement are creative: {your} own choices of what to include "
            "and how to order and lay it out",
            "the selection and arrangement are obvious, routine or dictated, not creative",
        ),
        "zh": (
            "所作的选择与编排具有独创性，体现{you}对收录内容及排序、布局的自主选择",
            "所作的选择与编排显而易见、属于常规或受限于既定规则，不具有独创性",
        ),
    },
    "arrangement_by_ai": {
        "en": (
            "an AI system made the selection or arrangement itself",
            "the selection and arrangement were not made by an AI system",
        ),
        "zh": ("选择或编排由人工智能系统完成", "选择与编排并非由人工智能系统完成"),
    },
    "ai_used": {
        "en": (
            "an AI tool was used in making the element",
            "no AI tool was used in making the element",
        ),
        "zh": ("制作本组成部分时使用了人工智能工具", "制作本组成部分时未使用任何人工智能工具"),
    },
    "ai_generated_content": {
        "en": (
            "the AI generated expressive content that appears in the element",
            "the AI generated none of the element's expressive content and only assisted",
        ),
        "zh": (
            "人工智能生成了本组成部分中的表达性内容",
            "人工智能未生成本组成部分的表达性内容，只起辅助作用",
        ),
    },
    "ai_autonomous": {
        "en": (
            "the AI system produced the element by itself, with no human creative input",
            "the element was not produced by the AI system alone: there was human creative input",
        ),
        "zh": (
            "本组成部分由人工智能系统自行生成，没有人类创作性投入",
            "本组成部分并非由人工智能系统自行生成，有人类创作性投入",
        ),
    },
    "system_configured": {
        "en": (
            "people designed or configured the generating system for this kind of output",
            "nobody designed or configured the generating system for this kind of output",
        ),
        "zh": (
            "有人员针对此类生成内容设计或配置了生成系统",
            "无人针对此类生成内容设计或配置生成系统",
        ),
    },
    "configuration_determines_form": {
        "en": (
            "the people's choices in configuring the system determined the form of expression",
            "the choices in configuring the system did not determine the form of expression",
        ),
        "zh": (
            "人员配置系统时所作的选择决定了生成内容的表现形式",
            "配置系统时所作的选择并未决定生成内容的表现形式",
        ),
    },
    "prompts_used": {
        "en": ("{you} gave the AI prompts", "{you} gave the AI no prompts"),
        "zh": ("{you}向人工智能输入了提示词", "{you}未向人工智能输入提示词"),
    },
    "prompts_revised": {
        "en": (
            "{you} revised the prompts in response to the outputs",
            "{you} did not revise the prompts in response to the outputs",
        ),
        "zh": ("{you}根据生成结果修改了提示词", "{you}未根据生成结果修改提示词"),
    },
    "parameters_set": {
        "en": (
            "{you} chose the generation parameters",
            "{you} did not choose generation parameters",
        ),
        "zh": ("{you}选择了生成参数", "{you}未选择生成参数"),
    },
    "own_input_work": {
        "en": (
            "{you} fed {your} own pre-existing work into the AI as input",
            "{you} did not feed a pre-existing work of {your} own into the AI",
        ),
        "zh": (
            "{you}将自己的在先作品作为输入提供给人工智能",
            "{you}未将自己的在先作品提供给人工智能",
        ),
    },
    "input_perceptible": {
        "en": (
            "{your} own expression remains perceptible in the output",
            "{your} own expression is no longer perceptible in the output",
        ),
        "zh": ("{your}表达在生成结果中仍可感知", "{your}表达在生成结果中已无法感知"),
    },
    "region_edits": {
        "en": (
            "{you} used region editing to have parts of an output regenerated",
            "{you} did not use region editing",
        ),
        "zh": ("{you}使用了局部重绘功能重新生成局部", "{you}未使用局部重绘功能"),
    },
    "region_edits_control": {
        "en": (
            "the region edits let {you} decide which creative elements appear and where",
            "the region edits only re-rolled parts of the image, without deciding what appears "
            "where",
        ),
        "zh": (
            "局部重绘使{you}能够决定出现哪些创作要素及其位置",
            "局部重绘只是让局部随机重新生成，并未决定要素及其位置",
        ),
    },
    "selected_among_outputs": {
        "en": (
            "{you} chose the final output from among several generated candidates",
            "{you} did not choose among several generated candidates",
        ),
        "zh": ("{you}从多个生成的候选结果中挑选了最终结果", "{you}未从多个候选结果中挑选"),
    },
    "ai_upscaling": {
        "en": (
            "the element was upscaled or enhanced with an AI tool",
            "the element was not upscaled or enhanced with an AI tool",
        ),
        "zh": (
            "本组成部分使用人工智能工具进行了放大或增强",
            "本组成部分未使用人工智能工具放大或增强",
        ),
    },
    "human_authored_content": {
        "en": (
            "the element contains expressive content a human created without AI",
            "the element contains no expressive content created by a human without AI",
        ),
        "zh": (
            "本组成部分包含人类不借助人工智能创作的表达性内容",
            "本组成部分不包含人类不借助人工智能创作的表达性内容",
        ),
    },
    "design_choices_in_output": {
        "en": (
            "the creative choices of the system's designer appear in the form of the output",
            "the creative choices of the system's designer do not appear in the output",
        ),
        "zh": (
            "系统设计者的创造性选择体现在输出的形式中",
            "系统设计者的创造性选择并未体现在输出中",
        ),
    },
    "prompts_specify_expression": {
        "en": (
            "{your} instructions concretely specified the creative expression of the output",
            "{your} instructions gave only ideas such as subject, mood or style, not the "
            "expression",
        ),
        "zh": (
            "{your}指令具体指定了输出的创作性表达",
            "{your}指令只给出了主题、氛围或风格等思想，未指定表达",
        ),
    },
}

# question id -> (clause with the answer's label, what is unknown), per language.
CHOICE: Final[dict[str, dict[str, tuple[str, str]]]] = {
    "element_kind": {
        "en": ("the element is classed as {choice}", "what kind of element it is"),
        "zh": ("本组成部分的类型为{choice}", "本组成部分的类型"),
    },
    "actor": {
        "en": ("the work was made by {choice}", "who made the work"),
        "zh": ("本作品由{choice}完成", "本作品由谁完成"),
    },
    "platform_terms": {
        "en": (
            "as to rights in outputs, the platform's terms: {choice}",
            "what the platform's terms say about rights in outputs",
        ),
        "zh": (
            "关于生成内容的权利，平台用户协议的情况为：{choice}",
            "平台用户协议对生成内容权利的约定",
        ),
    },
    "labels_applied": {
        "en": (
            "the AI-content labels applied to the published work: {choice}",
            "which AI-content labels were applied",
        ),
        "zh": ("已发布作品上的人工智能生成内容标识：{choice}", "已添加的人工智能生成内容标识"),
    },
    "us_registration": {
        "en": ("as to US registration: {choice}", "whether US registration is planned or made"),
        "zh": ("关于美国版权登记：{choice}", "是否计划或已经进行美国版权登记"),
    },
    "eu_member_state": {
        "en": ("protection is claimed in {choice}", "in which member state protection is claimed"),
        "zh": ("主张保护的成员国为{choice}", "主张保护的成员国"),
    },
    "arrangement_of": {
        "en": (
            "the arrangement selects and arranges {choice}",
            "what the arrangement selects and arranges",
        ),
        "zh": ("该编排所选择和编排的素材为{choice}", "该编排所选择和编排的素材"),
    },
    "prompt_detail": {
        "en": ("the prompts were {choice}", "how specific the prompts were"),
        "zh": ("提示词的具体程度为{choice}", "提示词的具体程度"),
    },
    "manual_edits": {
        "en": (
            "{your} own changes to the AI output with ordinary tools: {choice}",
            "how much {you} changed the AI output with ordinary tools",
        ),
        "zh": (
            "{you}以普通工具对生成结果所作的修改：{choice}",
            "{you}以普通工具修改生成结果的程度",
        ),
    },
    "ai_amount": {
        "en": (
            "the AI-generated share of the element: {choice}",
            "how much of the element is AI-generated",
        ),
        "zh": (
            "本组成部分中人工智能生成内容的分量：{choice}",
            "本组成部分中人工智能生成内容的分量",
        ),
    },
    "arrangements_by": {
        "en": (
            "the arrangements necessary for the generation were made by {choice}",
            "who made the arrangements necessary for the generation",
        ),
        "zh": ("生成所必需的安排由{choice}作出", "由谁作出生成所必需的安排"),
    },
    "prompt_count": {
        "en": ("{you} submitted {choice} for the element", "how many prompts {you} submitted"),
        "zh": ("{you}为本组成部分提交了{choice}次提示词", "提交提示词的次数"),
    },
}
