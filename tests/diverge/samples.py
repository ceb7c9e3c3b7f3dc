"""Small English renderings written for these tests, with deliberate divergences."""

A = """The delegation arrived in Port Leon on 5 June 1997 and met President Karimi at the palace.

Karimi replied, “We have studied these questions for many months with our friends in Moscow.”

Karimi added, “I had two meetings with the Russian envoy Pavel Orlov, and the second lasted half an hour.”

Haddad said: “The talks will fail if the northern border stays closed to trade.”

The minister Samir Haddad listed 300 delegates who were barred from entering the country.

Haddad commented: “Time is on our side, and the army will resist for a long time.”

Karimi said: “We did not agree to the plan of the southern governors.”

He added: “The border committee meets again in the spring at the old customs house.”"""

B = """The delegation arrived in Port Leon on June 5, 1997 and met President Karimi at the palace.

Karimi replied, “We have studied these questions for many months with our friends in Moscow.”

Foreign Minister Hosseini had two meetings with the Russian envoy Pavel Orlov, and the second was long.

Haddad said: “The talks might fail if the northern border stays closed to trade.”

The minister Samir Haddad listed the delegates who were barred from entering the country.

Haddad commented: “Time could turn against us, and the army will resist for a long time.”

Karimi said: “We agreed to the plan of the southern governors.”

Later the border committee would meet again in the spring."""
