"""Build a small dual-track ladder, query it, and print it as a ladder file."""

from careerladder import Competency, Ladder, Role, dumps

ladder = Ladder(
    id="acme",
    name="ACME product",
    competencies=[
        Competency(id="craft", name="Product craft"),
        Competency(id="people-leadership", name="People leadership"),
    ],
    roles=[
        Role(id="pm", title="Product Manager", level=1, expectations={"craft": 2}),
        Role(
            id="senior-pm",
            title="Senior Product Manager",
            level=2,
            aliases=["Senior PM"],
            expectations={"craft": "proficient", "people-leadership": 1},
        ),
        Role(
            id="staff-pm",
            title="Staff Product Manager",
            level=3,
            track="ic",
            expectations={"craft": 4, "people-leadership": 1},
        ),
        Role(
            id="gpm",
            title="Group Product Manager",
            level=3,
            track="management",
            expectations={"craft": 3, "people-leadership": 3},
        ),
    ],
    promotions=[("pm", "senior-pm"), ("senior-pm", "staff-pm"), ("senior-pm", "gpm")],
)

print("After Senior PM:", ", ".join(role.title for role in ladder.next_roles("Senior PM")))
for step in ladder.gap("senior-pm", "gpm"):
    print(f"To become a Group PM, raise {step.competency} to level {step.level}")
print()
print(dumps(ladder), end="")
