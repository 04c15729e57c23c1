#!/usr/bin/env python3
"""Writes N realistic Image Builder resource policies (bare documents) into a
directory: the AWS documentation examples of fixtures/valid with their
accounts, names, versions and action sets varied, and some with mistakes."""
import json, os, random, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(20261203)

kinds = {
    "image": ("image", "imagebuilder:GetImage", "imagebuilder:ListImages", True),
    "component": ("component", "imagebuilder:GetComponent", "imagebuilder:ListComponents", True),
    "image-recipe": ("image-recipe", "imagebuilder:GetImageRecipe", "imagebuilder:ListImageRecipes", False),
    "container-recipe": ("container-recipe", "imagebuilder:GetContainerRecipe", "imagebuilder:ListContainerRecipes", False),
}

def account():
    return "".join(rng.choice("0123456789") for _ in range(12))

os.makedirs(out, exist_ok=True)
for i in range(n):
    kind, (rtype, get, lst, build) = rng.choice(list(kinds.items()))
    owner = account()
    version = f"{rng.randint(1, 2030)}.{rng.randint(0, 12)}.{rng.randint(0, 31)}"
    arn = f"arn:aws:imagebuilder:{rng.choice(['us-west-2', 'us-east-1', 'eu-west-1'])}:{owner}:{rtype}/{kind}-{i}/{version}" + ("/1" if build else "")
    principals = [account() if rng.random() < 0.5 else f"arn:aws:iam::{account()}:root" for _ in range(rng.randint(1, 4))]
    stmt = {"Sid": f"Share{i}", "Effect": "Allow", "Principal": {"AWS": principals if len(principals) > 1 else principals[0]}, "Action": [get, lst], "Resource": [arn]}
    r = rng.random()
    if r < 0.05:
        stmt["Principal"] = "*"
    elif r < 0.10:
        stmt["Action"].append("imagebuilder:DeleteImage")
    elif r < 0.15:
        stmt["Effect"] = "allow"
    policy = {"Version": "2012-10-17", "Statement": [stmt]}
    if rng.random() < 0.3:
        policy["Statement"].append({"Sid": f"Deny{i}", "Effect": "Deny", "Principal": "*", "Action": "imagebuilder:*", "Resource": [arn], "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}})
    with open(os.path.join(out, f"policy-{i:05d}.json"), "w") as f:
        json.dump(policy, f, indent=2)
